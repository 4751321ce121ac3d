import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/platforms/sandbox/index.js';
import { captureLogger } from '../../helpers/test-app.js';
import { addTrigger, seedSyncData } from './sync-fixtures.js';

export interface CliFixture {
  dir: string;
  dbFile: string;
  sandbox: Sandbox;
  storeId: number;
  /** Opens the fixture's database (as the CLI would) for assertions; close it after use. */
  open(): Promise<App>;
  cleanup(): Promise<void>;
}

/**
 * A working directory with ecom-sync.config.yaml (SQLite file, fast retries), a sandbox store,
 * its states, `orders` linked orders (local 1001..) and triggers 3 -> 3 and 4 -> 4.
 */
export async function createCliFixture(options: { orders?: number; sandbox?: SandboxOptions; leaseMs?: number; concurrency?: number; totalTimeoutMs?: number } = {}): Promise<CliFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-cli-'));
  const dbFile = path.join(dir, 'shop.db');
  await writeFile(path.join(dir, 'ecom-sync.config.yaml'), [
    'database:',
    '  url: sqlite:./shop.db',
    'sync:',
    '  backoff_ms: 20',
    '  backoff_max_ms: 80',
    '  retry_after_failure_ms: 50',
    '  retry_after_failure_max_ms: 200',
    '  connect_timeout_ms: 2000',
    `  total_timeout_ms: ${options.totalTimeoutMs ?? 5000}`,
    `  lease_ms: ${options.leaseMs ?? 120000}`,
    `  concurrency_per_store: ${options.concurrency ?? 4}`,
    '',
  ].join('\n'));
  const sandbox = await startSandbox({ orders: Math.max(options.orders ?? 5, 5), ...options.sandbox });
  const open = async () => {
    const { config } = await loadConfig({ env: {}, cwd: dir });
    return createApp(config, captureLogger().logger, { env: {} });
  };
  const app = await open();
  await app.db.insertInto('stores').values({ id_platform: 1, name: 'sandbox', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
  const storeId = (await app.db.selectFrom('stores').select('id_store').executeTakeFirstOrThrow()).id_store;
  await seedSyncData(app, sandbox, storeId, { orders: options.orders ?? 5 });
  await addTrigger(app, storeId, 3, 3);
  await addTrigger(app, storeId, 4, 4);
  await app.close();
  return {
    dir, dbFile, sandbox, storeId, open,
    async cleanup() {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
