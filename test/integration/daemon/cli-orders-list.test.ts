import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { runCli } from '../../helpers/run-cli.js';
import { captureLogger } from '../../helpers/test-app.js';
import { seedOrders } from './daemon-fixture.js';

describe('ecom-sync orders list and daemon (in-process)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-orders-list-'));
    await writeFile(path.join(dir, 'ecom-sync.config.yaml'), 'database: { url: sqlite:./x.db }\n');
    const { config } = await loadConfig({ env: {}, cwd: dir });
    const app = await createApp(config, captureLogger().logger, { env: {} });
    await app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'negozio', base_url: 'http://127.0.0.1:9', api_key: 'K'.repeat(32) }).execute();
    await app.db.insertInto('ecommerce_order_states').values({ id_ecommerce_order_state: 7, id_store: 1, id_platform_state: 3, name: '03 - Preparazione ordine in corso....', platform_name: 'PrestaShop' }).execute();
    await seedOrders(app, 1, [
      { id_order: 32, reference: 'ABCD1234', id_order_state: 3, id_ecommerce_state: 7, total: 150 },
      ...Array.from({ length: 30 }, (_, i) => ({ id_order: 100 + i, rows: 1 })),
    ]);
    await app.close();
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('--json has the shape of GET /api/v1/orders', async () => {
    const run = await runCli(['orders', 'list', '--state', '3', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body).toMatchObject({ total: 1, page: 1, limit: 20 });
    expect(body.orders[0]).toMatchObject({ id_order: 32, reference: 'ABCD1234', id_order_state: 3, ecommerce_order_state: { id: 7, state_name: '03 - Preparazione ordine in corso....' }, total_price_with_tax: 150 });
  });

  it('a table for people, with paging', async () => {
    const run = await runCli(['orders', 'list', '--limit', '10', '--page', '2'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Page 2 of 4 (31 orders).');
    expect(run.stdout).toContain('REF00119');
    expect(run.stdout).not.toContain('REF00129');
  });

  it('bad flags: exit 2 with a usage error', async () => {
    for (const args of [['--limit', '101'], ['--page', '0'], ['--state', 'x'], ['--store', '-1']]) {
      const run = await runCli(['orders', 'list', ...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^error\[INVALID_ARGUMENT\]/);
    }
  });

  it('daemon without a token refuses to start (exit 3) with a hint; --insecure-no-auth only on loopback', async () => {
    const noToken = await runCli(['daemon', '--port', '0'], { cwd: dir });
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toContain('needs an API token');
    expect(noToken.stderr).toContain('hint: export ECOM_SYNC_API_TOKEN');
    const open = await runCli(['daemon', '--port', '0', '--host', '0.0.0.0', '--insecure-no-auth'], { cwd: dir });
    expect(open.code).toBe(3);
    expect(open.stderr).toContain('only on a loopback address');
    const badPort = await runCli(['daemon', '--port', '70000'], { cwd: dir, env: { ECOM_SYNC_API_TOKEN: 'x'.repeat(32) } });
    expect(badPort.code).toBe(2);
  });

  it('--help shows examples', async () => {
    const run = await runCli(['daemon', '--help'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--insecure-no-auth');
    expect(run.stdout).toContain('Examples:');
  });
});
