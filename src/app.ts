import type { Kysely } from 'kysely';
import type { Dispatcher } from 'undici';
import type { Config } from './config/config-types.js';
import { connectDatabase } from './db/connect-database.js';
import type { Database } from './db/database-types.js';
import type { DialectName } from './db/dialect.js';
import { migrateToLatest } from './db/migrate-database.js';
import { createEventBus, type EventBus } from './events/event-bus.js';
import type { Logger } from './logging/create-logger.js';
import { createStorePlatforms, type StorePlatforms } from './platforms/store-platforms.js';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      // The daemon's signal lives as long as the process: a listener left on it per sleep would
      // keep every settled promise alive (one a second, for days).
      const onAbort = () => { clearTimeout(timer); reject(signal?.reason); };
      const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

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
  /** Releases everything in reverse order of acquisition. */
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

/**
 * The composition root: config -> database -> event bus -> platform clients -> handlers. Every
 * resource registers a releaser; close() runs them in reverse order.
 */
export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const releasers: Array<() => Promise<void>> = [];
  // Once: a second close() (a test's teardown after the command's own) waits for the first.
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      for (const release of releasers.reverse()) await release();
    })();
    return closing;
  };
  try {
    const connection = await connectDatabase(config.database.url, {
      // The pool drops the broken connection and reconnects on the next query; a query that was
      // running on it fails on its own (the REST API answers 503 DATABASE_UNAVAILABLE).
      onPoolError: (error) => logger.warn({ err: error }, `database connection lost: ${error.message}; the next query reconnects`),
    });
    releasers.push(() => connection.close());
    if (!overrides.skipMigrations) await migrateToLatest(connection.db);

    const clock = overrides.clock ?? systemClock;
    const env = overrides.env ?? process.env;
    const platforms = await createStorePlatforms(config, overrides.dispatcher, logger, clock);
    releasers.push(() => platforms.close());

    const { hostname } = await import('node:os');
    const app: App = {
      config,
      db: connection.db,
      dialect: connection.dialect,
      logger,
      clock,
      bus: createEventBus(logger),
      platforms,
      env,
      processId: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
      close,
    };
    const { registerEventHandlers } = await import('./events/register-event-handlers.js');
    registerEventHandlers(app);
    return app;
  } catch (error) {
    await close();
    throw error;
  }
}
