import { migrations } from '../../../migrations/index.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../src/db/connect-database.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../helpers/test-database.js';

for (const dialect of testDialects()) {
  describe(`${dialect}: database.url from ECOM_SYNC_DATABASE_URL, through the CLI`, () => {
    let dir: string;
    let database: TestDatabase;
    let sandbox: Sandbox;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-url-'));
      database = await createTestDatabase(dialect);
      sandbox = await startSandbox({ orders: 12 });
    });
    afterAll(async () => {
      await sandbox?.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('migrates, adds a store, pulls states and orders, changes a status with its sync job', async () => {
      const env = { ECOM_SYNC_DATABASE_URL: database.url, SHOP_KEY: sandbox.apiKey };
      const cli = async (...args: string[]) => {
        const run = await runCli(['--json', ...args], { cwd: dir, env });
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
        return JSON.parse(run.stdout) as Record<string, unknown>;
      };
      expect(await cli('db', 'migrate')).toMatchObject({ dialect, applied: Object.keys(migrations).sort() });
      expect(await cli('stores', 'add', '--name', 'negozio', '--platform', 'prestashop', '--url', sandbox.url, '--api-key-env', 'SHOP_KEY')).toMatchObject({ id_store: 1 });
      expect(await cli('states', 'pull')).toMatchObject({ ok: true });
      await cli('orders', 'pull');
      const list = await cli('orders', 'list');
      expect(JSON.stringify(list)).toContain('"id_order":12');
      await cli('triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '3');
      const shown = await cli('orders', 'show', '5') as { id_origin: number };
      const origin = shown.id_origin;
      const historiesBefore = sandbox.shop.historiesOf(origin).length;
      await cli('orders', 'set-status', '5', '3');
      expect(sandbox.shop.historiesOf(origin).length).toBe(historiesBefore + 1);
      expect(sandbox.shop.orders.get(origin)?.current_state).toBe(3);
      const jobs = await cli('sync', 'list');
      expect(JSON.stringify(jobs)).toContain('"status":"done"');
    }, 60_000);
  });
}

for (const dialect of testDialects().filter((d) => d !== 'sqlite')) {
  describe(`${dialect}: a database that cannot be reached`, () => {
    it('is reported as such, with the password hidden, exit code 3', async () => {
      const base = new URL(dialect === 'postgres' ? (process.env.ECOM_SYNC_TEST_PG_URL as string) : (process.env.ECOM_SYNC_TEST_MYSQL_URL as string));
      base.pathname = '/ecom_sync_no_such_database';
      base.password = 'not-the-password';
      await expect(connectDatabase(base.toString())).rejects.toMatchObject({ code: 'DATABASE_UNREACHABLE', exitCode: 3 });
      const run = await runCli(['db', 'migrate'], { cwd: tmpdir(), env: { ECOM_SYNC_DATABASE_URL: base.toString() } });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('error[DATABASE_UNREACHABLE]: cannot connect to the database');
      expect(run.stderr).not.toContain('not-the-password');
    });
  });
}
