/** stores add/update/check and the pulls' error lines against shops that behave like the real 8.2.1 one. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';

describe('stores against a real-like PrestaShop', () => {
  let cwd: string;
  let sandbox: Sandbox;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-stores-real-'));
    sandbox = await startSandbox({ apiKey: KEY, orders: 6, multishop: true, urlRewrite: false });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('adds a store of one shop of a multistore install without URL rewriting, and checks each permission', async () => {
    const added = await runCli(['--json', 'stores', 'add', '--name', 'outlet', '--platform', 'prestashop', '--url', sandbox.url, '--api-key', KEY, '--shop-id', '2', '--no-rewrite'], { cwd });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id_store: 1, shop_id: 2, shop_group_id: null, url_rewrite: false });
    const check = await runCli(['--json', 'stores', 'check', '1'], { cwd });
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { ok: boolean; permissions: Array<{ resource: string; method: string; ok: boolean }>; shops: Array<{ id_shop: number; name: string }>; requests: number };
    expect(report.ok).toBe(true);
    expect(report.permissions.map((p) => `${p.method} ${p.resource} ${p.ok}`)).toContain('POST order_histories true');
    expect(report.shops.map((s) => s.id_shop)).toEqual([1, 2]);
    // One request per permission read (HEAD) plus the API root and the shops.
    expect(report.requests).toBe(report.permissions.filter((p) => p.method === 'GET').length + 2);
    expect(sandbox.requests.filter((r) => r.method === 'HEAD').length).toBeGreaterThan(0);
    expect(sandbox.requests.every((r) => r.query.includes('id_shop=2'))).toBe(true);
  });

  it('lists a missing permission in stores check (exit 4) without marking the key failing', async () => {
    sandbox.setPermissions({ order_states: ['GET', 'HEAD'], orders: ['GET', 'HEAD'], order_histories: ['GET', 'HEAD'], configurations: ['GET', 'HEAD'], languages: ['GET', 'HEAD'], countries: ['GET', 'HEAD'], addresses: ['GET', 'HEAD'] });
    try {
      const check = await runCli(['stores', 'check', '1'], { cwd });
      expect(check.code).toBe(4);
      expect(check.stdout).toMatch(/customers\s+│?\s*GET\s+│?\s*MISSING/);
      expect(check.stdout).toMatch(/order_histories\s+│?\s*POST\s+│?\s*MISSING/);
      expect(check.stdout).toContain('Advanced Parameters > Webservice');
      const list = JSON.parse((await runCli(['--json', 'stores', 'list'], { cwd })).stdout) as { stores: Array<{ credentials_error: string | null }> };
      expect(list.stores[0]!.credentials_error).toBeNull();
    } finally {
      sandbox.setPermissions(null);
    }
  });

  it('names the store once in an error line and prints the pull warnings once', async () => {
    expect((await runCli(['stores', 'update', '1', '--rewrite'], { cwd })).code).toBe(0);
    const run = await runCli(['orders', 'pull'], { cwd });
    expect(run.code).toBe(4);
    const line = run.stderr.split('\n').find((l) => l.startsWith('error[PLATFORM_NOT_WEBSERVICE]'));
    expect(line).toBeDefined();
    expect(line!.match(/store outlet \(#1\)/g)).toHaveLength(1);
    expect(line).toContain('this URL does not look like a PrestaShop webservice');
    expect((await runCli(['stores', 'update', '1', '--no-rewrite'], { cwd })).code).toBe(0);
    sandbox.setPermissions({ order_states: ['GET'], orders: ['GET'], configurations: ['GET'], addresses: ['GET'], countries: ['GET'] });
    try {
      const pulled = await runCli(['orders', 'pull'], { cwd });
      expect(pulled.code).toBe(0);
      expect(pulled.stderr.split('\n').filter((l) => l.includes('may not read customers'))).toHaveLength(1);
    } finally {
      sandbox.setPermissions(null);
    }
  });
});
