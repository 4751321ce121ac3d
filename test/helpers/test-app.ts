import { createApp } from '../../src/app.js';
import type { App, AppOverrides } from '../../src/app-types.js';
import type { Config } from '../../src/config/config-types.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { DialectName } from '../../src/db/dialect.js';
import { createLogger, type Logger } from '../../src/logging/create-logger.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/platforms/sandbox/index.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { Writable } from 'node:stream';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
      ? merge(current, value as never)
      : value;
  }
  return out as T;
}

/** Log lines captured for assertions, as the CLI prints them: `LEVEL - message`. */
export interface CapturedLog {
  lines: string[];
  logger: Logger;
}

export function captureLogger(level: Config['log']['level'] = 'debug'): CapturedLog {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, logger: createLogger({ level, format: 'plain', destination }) };
}

export interface TestAppOptions {
  dialect?: DialectName;
  config?: DeepPartial<Config>;
  /** Start a sandbox and add it as store #1 (default true). */
  sandbox?: boolean | SandboxOptions;
  overrides?: AppOverrides;
}

export interface TestApp {
  app: App;
  config: Config;
  database: TestDatabase;
  sandbox: Sandbox | null;
  /** id_store of the sandbox store, when there is one. */
  storeId: number | null;
  log: CapturedLog;
  cleanup(): Promise<void>;
}

/**
 * A real app on a fresh database of its own (SQLite file, or PostgreSQL/MariaDB database), with a
 * real sandbox over HTTP on port 0 registered as a store. Fast retries so failure paths run quickly.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.dialect ?? 'sqlite');
  const config = merge(defaultConfig(), {
    database: { url: database.url },
    sync: { backoff_ms: 20, backoff_max_ms: 80, retry_after_failure_ms: 50, retry_after_failure_max_ms: 200, connect_timeout_ms: 2000, total_timeout_ms: 5000 },
    ...options.config,
  } as DeepPartial<Config>);
  const log = captureLogger();
  const sandbox = options.sandbox === false ? null : await startSandbox(typeof options.sandbox === 'object' ? options.sandbox : {});
  const app = await createApp(config, log.logger, { env: {}, ...options.overrides });
  database.closeBeforeDrop(() => app.close());
  let storeId: number | null = null;
  if (sandbox) {
    await app.db.insertInto('stores').values({ id_platform: 1, name: 'sandbox', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
    storeId = (await app.db.selectFrom('stores').select('id_store').where('name', '=', 'sandbox').executeTakeFirstOrThrow()).id_store;
  }
  return {
    app,
    config,
    database,
    sandbox,
    storeId,
    log,
    async cleanup() {
      try {
        await app.close();
        await sandbox?.close();
      } finally {
        // Closes any other app registered on this database (closeBeforeDrop) before dropping it.
        await database.drop();
      }
    },
  };
}
