import type { App, AppOverrides, Clock } from './app-types.js';
import type { Config } from './config/config-types.js';
import { connectDatabase } from './db/connect-database.js';
import { migrateToLatest } from './db/migrate-database.js';
import { createEventBus } from './events/event-bus.js';
import type { Logger } from './logging/create-logger.js';
import { createStorePlatforms } from './platforms/store-platforms.js';
import { createReleasers } from './releasers.js';

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

/**
 * The composition root: config -> database -> event bus -> platform clients -> handlers. Every
 * resource registers a releaser; close() runs each once, last acquired first (src/releasers.ts).
 */
export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const releasers = createReleasers();
  // Once: a second close() (a test's teardown after the command's own) waits for the first.
  const close = () => releasers.releaseAll();
  try {
    const connection = await connectDatabase(config.database.url, {
      // The pool drops the broken connection and reconnects on the next query; a query that was
      // running on it fails on its own (the REST API answers 503 DATABASE_UNAVAILABLE).
      onPoolError: (error) => logger.warn({ err: error }, `database connection lost: ${error.message}; the next query reconnects`),
    });
    releasers.add(() => connection.close());
    if (!overrides.skipMigrations) await migrateToLatest(connection.db);

    const clock = overrides.clock ?? systemClock;
    const env = overrides.env ?? process.env;
    const { readSetting, writeSetting } = await import('./db/app-settings.js');
    const db = connection.db;
    // What ports remember a day (a shop's default language, its time zone), shared by every process.
    const platforms = await createStorePlatforms(config, overrides.dispatcher, logger, clock, {
      read: (name) => readSetting(db, name),
      write: (name, value) => writeSetting(db, name, value),
    });
    releasers.add(() => platforms.close());

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
    // The start-up error is the one to report; a release failure after it would hide it.
    await close().catch((closeError: unknown) => logger.warn({ err: closeError }, 'releasing after a failed start failed'));
    throw error;
  }
}
