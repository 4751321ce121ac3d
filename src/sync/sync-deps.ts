import type { Kysely } from 'kysely';
import type { Clock } from '../app-types.js';
import type { Config } from '../config/config-types.js';
import type { Database } from '../db/database-types.js';
import type { Logger } from '../logging/create-logger.js';
import type { StorePlatforms } from '../platforms/store-platforms.js';

/**
 * What the sync layer uses of the application: the database, the clock, the logger, its slice of
 * the configuration (`sync`), the platform registry with the environment its credentials come
 * from, and the process's name in leases. An App satisfies it (callers pass theirs); nothing in
 * src/sync can reach the event bus, the other config sections or close the app.
 */
export interface SyncDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'sync'>;
  platforms: Pick<StorePlatforms, 'portForStore'>;
  /** Where the stores' credentials are read (`api_key_env`). */
  env: NodeJS.ProcessEnv;
  /** Names this process in leases: host, pid and a random suffix. */
  processId: string;
}
