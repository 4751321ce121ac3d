import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../src/app.js';
import type { App } from '../src/app-types.js';
import type { Config } from '../src/config/config-types.js';
import { defaultConfig } from '../src/config/defaults.js';
import { createLogger, type Logger } from '../src/logging/create-logger.js';

export interface BenchApp {
  app: App;
  config: Config;
  dir: string;
  databaseUrl: string;
  cleanup(): Promise<void>;
}

/** The CLI's own logger (plain lines at `info`), written nowhere: logging costs what it costs an operator. */
export function benchLogger(): Logger {
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  return createLogger({ level: 'info', format: 'plain', destination: sink });
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'ecom-sync-bench-'));
}

/** A real app on a fresh, migrated SQLite file (the embedded default) in a temp folder. */
export async function createBenchApp(patch: (config: Config) => void = () => {}): Promise<BenchApp> {
  const dir = await makeTempDir();
  const databaseUrl = `sqlite:${path.join(dir, 'bench.db')}`;
  const config = defaultConfig();
  config.database.url = databaseUrl;
  patch(config);
  const app = await createApp(config, benchLogger(), { env: {} });
  return {
    app,
    config,
    dir,
    databaseUrl,
    async cleanup() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
