import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { runCli } from '../../helpers/run-cli.js';
import { captureLogger } from '../../helpers/test-app.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../helpers/test-database.js';

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';

// Lengths and ids are checked before the database sees them: every dialect refuses alike (exit 2).
for (const dialect of testDialects()) {
  describe(`${dialect}: arguments the columns cannot hold are usage errors`, () => {
    let database: TestDatabase;
    let cwd: string;
    let env: NodeJS.ProcessEnv;
    const run = (args: string[]) => runCli(args, { cwd, env });

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-limits-'));
      env = { ECOM_SYNC_DATABASE_URL: database.url };
      expect((await run(['stores', 'add', '--name', 'shop', '--platform', 'prestashop', '--url', 'http://127.0.0.1:9', '--api-key', KEY])).code).toBe(0);
    });
    afterAll(async () => {
      await database?.drop();
      await rm(cwd, { recursive: true, force: true });
    });

    it('a store name over 100 characters or a URL over 255: exit 2 naming the limit, nothing stored', async () => {
      const longName = await run(['stores', 'add', '--name', 'n'.repeat(101), '--platform', 'prestashop', '--url', 'http://127.0.0.1:9', '--api-key', KEY]);
      expect(longName.code).toBe(2);
      expect(longName.stderr).toMatch(/error\[INVALID_ARGUMENT\]: --name is 101 characters long; a store name has at most 100/);
      const longUrl = await run(['stores', 'add', '--name', 'other', '--platform', 'prestashop', '--url', `https://shop.example/${'p'.repeat(250)}`, '--api-key', KEY]);
      expect(longUrl.code).toBe(2);
      expect(longUrl.stderr).toMatch(/--url is 271 characters long; a store URL has at most 255/);
      const update = await run(['stores', 'update', '1', '--name', 'n'.repeat(101)]);
      expect(update.code).toBe(2);
      expect(update.stderr).toMatch(/at most 100/);
      const longEnv = await run(['stores', 'add', '--name', 'other', '--platform', 'prestashop', '--url', 'http://127.0.0.1:9', '--api-key-env', `K${'E'.repeat(100)}`]);
      expect(longEnv.code).toBe(2);
      expect(longEnv.stderr).toMatch(/--api-key-env is 101 characters long/);
      for (const result of [longName, longUrl, update, longEnv]) expect(result.stderr).not.toMatch(/\n\s+at |INTERNAL/);
      const stores = JSON.parse((await run(['--json', 'stores', 'list'])).stdout) as { stores: Array<{ name: string }> };
      expect(stores.stores.map((s) => s.name)).toEqual(['shop']);
    });

    it('an id over 2147483647 (what an INTEGER column holds): exit 2, not a database error', async () => {
      const trigger = await run(['triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '2147483648', '--platform-state', '3']);
      expect(trigger.code).toBe(2);
      expect(trigger.stderr).toMatch(/error\[INVALID_ARGUMENT\]: --local-state must be at most 2147483647, got 2147483648/);
      const order = await run(['orders', 'set-status', '2147483648', '3']);
      expect(order.code).toBe(2);
      expect(order.stderr).toMatch(/must be at most 2147483647/);
      const bulk = await runCli(['--json', 'orders', 'bulk', '-'], { cwd, env, input: 'id_order,id_order_state\n2147483648,3\n' });
      expect(bulk.code).toBe(5);
      expect(JSON.parse(bulk.stdout).failed).toEqual([expect.objectContaining({ error: 'INVALID_ROW', line: 2 })]);
    });
  });
}

describe('store URLs and keys', () => {
  let cwd: string;
  beforeAll(async () => { cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-store-url-')); });
  afterAll(async () => { await rm(cwd, { recursive: true, force: true }); });

  it('a URL with user info is refused, without echoing it, and says where keys go', async () => {
    for (const url of ['http://admin:pass@shop.example', 'https://WSKEYWSKEYWSKEY@shop.example/api']) {
      const run = await runCli(['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', url, '--api-key', KEY], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/error\[URL_HAS_CREDENTIALS\]: --url must not contain a user name or password/);
      expect(run.stderr).toMatch(/hint: .*--api-key-env VAR/);
      expect(run.stderr).not.toMatch(/pass@|WSKEY/);
    }
    const badScheme = await runCli(['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', 'ftp://admin:pass@shop.example', '--api-key', KEY], { cwd });
    expect(badScheme.code).toBe(2);
    expect(badScheme.stderr).toContain('"ftp://***@shop.example"');
  });

  it('a URL stored with user info before it was refused is masked in stores list, its --json and stores add output', async () => {
    expect((await runCli(['stores', 'add', '--name', 'clean', '--platform', 'prestashop', '--url', 'http://127.0.0.1:9', '--api-key', KEY], { cwd })).code).toBe(0);
    const { config } = await loadConfig({ env: {}, cwd });
    const app = await createApp(config, captureLogger().logger, { env: {} });
    await app.db.updateTable('stores').set({ base_url: 'http://admin:s3cr3t@shop.example' }).execute();
    await app.close();
    const text = await runCli(['stores', 'list'], { cwd });
    const json = await runCli(['--json', 'stores', 'list'], { cwd });
    const updated = await runCli(['--json', 'stores', 'update', '1', '--format', 'json'], { cwd });
    for (const output of [text.stdout, json.stdout, updated.stdout]) {
      expect(output).not.toMatch(/admin|s3cr3t/);
    }
    expect(JSON.parse(json.stdout).stores[0].base_url).toBe('http://***@shop.example');
  });

  it('a 32-character key with other characters: "letters and digits only", not a length complaint', async () => {
    const run = await runCli(['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', 'http://127.0.0.1:9', '--api-key', `${KEY.slice(0, 31)}!`], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exactly 32 letters or digits \(letters and digits only: it contains other characters\)/);
    expect(run.stderr).not.toContain(KEY.slice(0, 31));
  });

  it('an unknown command suggests `ecom-sync --help`; a known one with a bad argument its own help', async () => {
    const unknown = await runCli(['frobnicate'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('hint: run `ecom-sync --help` for usage.');
    const sub = await runCli(['orders', 'frobnicate'], { cwd });
    expect(sub.stderr).toContain('hint: run `ecom-sync orders --help` for usage.');
    const missing = await runCli(['-c', 'x.yaml', 'orders', 'set-status'], { cwd });
    expect(missing.stderr).toContain('hint: run `ecom-sync orders set-status --help` for usage.');
  });
});
