import type { Kysely } from 'kysely';
import type { Clock } from '../app-types.js';
import type { Config } from '../config/config-types.js';
import type { Database } from '../db/database-types.js';
import type { Logger } from '../logging/create-logger.js';
import type { StorePlatforms } from '../platforms/store-platforms.js';

/**
 * What the pulls (states, orders, one order for a webhook) use of the application: the database,
 * the clock, the logger, their slice of the configuration (`orders`: page size, initial state), the
 * platform registry and the environment the stores' credentials are read from. An App satisfies it.
 */
export interface PullDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'orders'>;
  platforms: Pick<StorePlatforms, 'forStore' | 'portForStore'>;
  /** Where the stores' credentials are read (`api_key_env`). */
  env: NodeJS.ProcessEnv;
}
