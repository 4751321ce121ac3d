import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import type { Config } from './config/config-types.js';
import type { Database } from './db/database-types.js';
import type { DialectName } from './db/dialect.js';
import type { EventBus } from './events/event-bus.js';
import type { Logger } from './logging/create-logger.js';
import type { StorePlatforms } from './platforms/store-platforms.js';

// The application's shapes, apart from the composition root (app.ts) that builds them: a module
// that takes an App imports this file, never app.ts, so no import cycle runs through the root.

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface App {
  config: Config;
  db: Kysely<Database>;
  dialect: DialectName;
  logger: Logger;
  clock: Clock;
  bus: EventBus;
  platforms: StorePlatforms;
  env: NodeJS.ProcessEnv;
  /** Names a process in leases and locks: host, pid and a random suffix. */
  processId: string;
  /** Releases everything once, last acquired first; re-throws the first release error. */
  close(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  /** An undici dispatcher to use instead of the app's own keep-alive agent (tests: MockAgent). */
  dispatcher?: Dispatcher;
  env?: NodeJS.ProcessEnv;
  /** Skip automatic migration (the `db migrate` command reports it itself). */
  skipMigrations?: boolean;
}
