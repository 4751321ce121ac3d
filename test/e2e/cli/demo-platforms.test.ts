import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../../helpers/run-cli.js';

interface DemoJson {
  ok: boolean;
  platform: string;
  directory: string;
  sandbox_url: string;
  steps: Array<{ step: number; title: string; lines: string[] }>;
  status_change: { new_state: number; sync: { status: string } | null } | null;
  pushes: Array<{ request: string; detail: string }>;
  requests_during_change: number;
  shop_order: Record<string, unknown> | null;
}

/** `ecom-sync demo --platform …` through the built binary (`npm run build` first), in an empty directory. */
describe('ecom-sync demo --platform (built binary)', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-demo-e2e-'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('shopify --json: exit 0, exactly one push, a fulfillmentCreate carrying the tracking number; the temporary directory is gone', async () => {
    const run = await spawnCli(['--json', 'demo', '--platform', 'shopify'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DemoJson;
    expect(report).toMatchObject({ ok: true, platform: 'shopify', status_change: { new_state: 4, sync: { status: 'done' } } });
    expect(report.sandbox_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.pushes).toHaveLength(1);
    expect(report.pushes[0]!.request).toBe('POST /admin/api/2026-10/graphql.json');
    expect(report.pushes[0]!.detail).toMatch(/^mutation fulfillmentCreate /);
    expect(report.pushes[0]!.detail).toContain('"notifyCustomer":true');
    // The read before the write (none of Shopify's mutations is idempotent), then the mutation.
    expect(report.requests_during_change).toBe(2);
    expect(report.shop_order).toMatchObject({ display_fulfillment_status: 'FULFILLED', tracking_numbers: ['DEMO1Z999AA10123456784'], customer_notified: true });
    expect(report.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(report.steps.map((s) => s.title).join('\n')).toMatch(/states pull[\s\S]*orders pull[\s\S]*triggers add[\s\S]*orders set-status/);
    expect(run.stdout).not.toContain('shpat_ecomsyncsandbox0000000000000001');
    await expect(rm(report.directory)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('woocommerce --json: exit 0, exactly one PUT /wp-json/wc/v3/orders/{id} with the status', async () => {
    const run = await spawnCli(['--json', 'demo', '--platform', 'woocommerce'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DemoJson;
    expect(report).toMatchObject({ ok: true, platform: 'woocommerce', status_change: { new_state: 4, sync: { status: 'done' } } });
    expect(report.pushes).toHaveLength(1);
    expect(report.pushes[0]!.request).toMatch(/^PUT \/wp-json\/wc\/v3\/orders\/\d+$/);
    expect(JSON.parse(report.pushes[0]!.detail)).toEqual({ status: 'completed' });
    expect(report.requests_during_change).toBe(1);
    expect(report.shop_order).toMatchObject({ status: 'completed', notes: [expect.stringMatching(/to Completed\.$/)], emails: [expect.stringMatching(/^customer_completed_order to /)] });
    expect(report.steps).toHaveLength(7);
    expect(run.stdout).not.toContain('cs_ecomsyncsandbox');
    await expect(rm(report.directory)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the steps are printed as they happen for people, and the default stays PrestaShop', async () => {
    const woo = await spawnCli(['demo', '--platform', 'woocommerce'], { cwd });
    expect(woo.code).toBe(0);
    expect(woo.stdout).toMatch(/^1\. Created a fresh database and started a WooCommerce sandbox\n/);
    expect(woo.stdout).toMatch(/exactly 1 PUT/);
    const prestashop = await spawnCli(['--json', 'demo'], { cwd });
    expect(prestashop.code).toBe(0);
    const report = JSON.parse(prestashop.stdout) as DemoJson;
    expect(report).toMatchObject({ ok: true, platform: 'prestashop' });
    expect(report.pushes.map((p) => p.request)).toEqual(['POST /api/order_histories']);
  });

  it('an unknown --platform exits 2 with the choices, also with --json', async () => {
    const run = await spawnCli(['--json', 'demo', '--platform', 'magento'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[INVALID_ARGUMENT]: --platform must be one of prestashop, shopify, woocommerce, got "magento"');
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'INVALID_ARGUMENT', hint: expect.stringContaining('demo --platform shopify') } });
  });
});
