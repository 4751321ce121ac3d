import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { startShopifySandbox, type ShopifySandbox } from '../../../src/platforms/shopify-sandbox/index.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { deliverDueJobs, listJobs } from '../../../src/sync/index.js';
import { createTrigger } from '../../../src/triggers/trigger-service.js';
import { runCli } from '../../helpers/run-cli.js';
import { steppingClock } from '../../helpers/stepping-clock.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

const START = Date.UTC(2026, 10, 30, 10, 0, 0);
// Seeded Shopify orders cycle every 8 from #1001: open, paid, fulfilled, cancelled, closed, …
const SHOPIFY_OPEN = 1009;


for (const dialect of testDialects()) {
  describe(`Shopify cost bucket through the sync engine (${dialect})`, () => {
    let t: TestApp;
    let sandbox: ShopifySandbox;
    afterEach(async () => {
      await t?.cleanup();
      await sandbox?.close();
    });

    it('THROTTLED with a refill longer than a delivery may hold: the job waits as pending until then, nothing sent, then one mutation', async () => {
      // 1 point a second: the 12 points of orderClose take 12 s after the bucket is drained.
      sandbox = await startShopifySandbox({ now: START, bucket: { maximum: 100, restoreRate: 1 } });
      const clock = steppingClock(START, (ms) => sandbox.clock.advance(ms));
      t = await createTestApp({ dialect, sandbox: false, overrides: { clock }, config: { sync: { max_wait_ms: 1000, backoff_max_ms: 1000 } } });
      await t.app.db.insertInto('stores').values({ id_platform: 2, name: 'bottega', base_url: sandbox.url, api_key: sandbox.accessToken, settings: JSON.stringify({ api_version: '2026-10' }) }).execute();
      const storeId = (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', 'bottega').executeTakeFirstOrThrow()).id_store;
      await pullStates(t.app, { storeId });
      await createTrigger(t.app, { storeId, eventType: 'order_status_changed', localStateId: 5, platformStateId: 'closed', sendEmail: false });
      await t.app.db.insertInto('orders').values({ id_order: 5001, id_origin: SHOPIFY_OPEN, id_platform: 2, id_store: storeId, id_order_state: 1, reference: 'REF5001' }).execute();

      sandbox.faults.failNext('throttled', { field: 'orderClose' });
      const result = await setOrderStatus(t.app, { orderId: 5001, state: 5 });
      expect(result.sync).toMatchObject({ status: 'pending' });
      const [job] = await listJobs(t.app, { orderId: 5001 });
      expect(job!.not_before).toBeGreaterThanOrEqual(START + 11_000);
      expect(clock.sleeps.every((ms) => ms <= 1000)).toBe(true);
      expect(sandbox.mutations).toHaveLength(0);
      expect(sandbox.requests.filter((r) => r.field === 'orderClose').map((r) => r.throttled)).toEqual([true]);

      // Not due before its time; due after it, one orderClose.
      expect(await deliverDueJobs(t.app)).toMatchObject({ delivered: 0 });
      expect(sandbox.requests.filter((r) => r.field === 'orderClose')).toHaveLength(1);
      clock.advance(job!.not_before! - clock.now());
      expect(await deliverDueJobs(t.app)).toMatchObject({ delivered: 1, failed: 0 });
      expect(sandbox.mutations.map((m) => m.field)).toEqual(['orderClose']);
      const [after] = await listJobs(t.app, { orderId: 5001 });
      expect(after).toMatchObject({ status: 'done', last_error: null });
    });

    it('throttled more often than sync.max_runs: every wait leaves the job pending, no run or attempt counted, then one mutation', async () => {
      sandbox = await startShopifySandbox({ now: START, bucket: { maximum: 100, restoreRate: 1 } });
      const clock = steppingClock(START, (ms) => sandbox.clock.advance(ms));
      t = await createTestApp({ dialect, sandbox: false, overrides: { clock }, config: { sync: { max_wait_ms: 1000, backoff_max_ms: 1000, max_runs: 2 } } });
      await t.app.db.insertInto('stores').values({ id_platform: 2, name: 'bottega', base_url: sandbox.url, api_key: sandbox.accessToken, settings: JSON.stringify({ api_version: '2026-10' }) }).execute();
      const storeId = (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', 'bottega').executeTakeFirstOrThrow()).id_store;
      await pullStates(t.app, { storeId });
      await createTrigger(t.app, { storeId, eventType: 'order_status_changed', localStateId: 5, platformStateId: 'closed', sendEmail: false });
      await t.app.db.insertInto('orders').values({ id_order: 5001, id_origin: SHOPIFY_OPEN, id_platform: 2, id_store: storeId, id_order_state: 1, reference: 'REF5001' }).execute();

      // Five throttled answers, one per run: more than the two failed runs that end a job.
      sandbox.faults.failNext('throttled', { field: 'orderClose', times: 5 });
      expect((await setOrderStatus(t.app, { orderId: 5001, state: 5 })).sync).toMatchObject({ status: 'pending' });
      for (let run = 2; run <= 5; run += 1) {
        const [waiting] = await listJobs(t.app, { orderId: 5001 });
        expect(waiting).toMatchObject({ status: 'pending', runs: 0, attempts: 0, in_doubt: 0 });
        expect(waiting!.not_before).not.toBeNull();
        clock.advance(waiting!.not_before! - clock.now());
        expect(await deliverDueJobs(t.app)).toMatchObject({ delivered: 0, failed: 0, pending: 1 });
      }
      const [waiting] = await listJobs(t.app, { orderId: 5001 });
      expect(waiting).toMatchObject({ status: 'pending', runs: 0, attempts: 0 });
      expect(sandbox.mutations).toHaveLength(0);

      // `sync list` tells a job that waits for the shop from one that fails.
      const dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-throttle-'));
      try {
        await writeFile(path.join(dir, 'ecom-sync.config.yaml'), `database:\n  url: ${JSON.stringify(t.database.url)}\n`);
        const list = await runCli(['sync', 'list'], { cwd: dir, appOverrides: { clock } });
        expect(list.code).toBe(0);
        expect(list.stdout).toMatch(/pending.*waits for the shop/);
        expect(list.stdout).toContain('the shop asked to wait until');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      clock.advance(waiting!.not_before! - clock.now());
      expect(await deliverDueJobs(t.app)).toMatchObject({ delivered: 1, failed: 0 });
      expect(sandbox.mutations.map((m) => m.field)).toEqual(['orderClose']);
      expect(sandbox.requests.filter((r) => r.field === 'orderClose').map((r) => r.throttled)).toEqual([true, true, true, true, true, false]);
      const [after] = await listJobs(t.app, { orderId: 5001 });
      expect(after).toMatchObject({ status: 'done', runs: 0, attempts: 1, last_error: null });
    });
  });

  describe(`WooCommerce statuses that disappear (${dialect})`, () => {
    let t: TestApp;
    let sandbox: WooSandbox;
    afterEach(async () => {
      await t?.cleanup();
      await sandbox?.close();
    });

    it('a status a plugin removed is flagged, its trigger warned about and not pushed; when it comes back it keeps its number', async () => {
      sandbox = await startWooSandbox({ port: 0, orders: 10, seed: 11, frozenClock: true, now: START });
      t = await createTestApp({ dialect, sandbox: false });
      await t.app.db.insertInto('stores').values({ id_platform: 3, name: 'bottega-wc', base_url: sandbox.url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) }).execute();
      const storeId = (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', 'bottega-wc').executeTakeFirstOrThrow()).id_store;
      expect((await pullStates(t.app, { storeId })).ok).toBe(true);
      const before = await t.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'is_deleted', 'is_missing']).where('id_store', '=', storeId).where('code', '=', 'spedito-parziale').executeTakeFirstOrThrow();
      expect(before).toMatchObject({ is_deleted: 0, is_missing: 0 });
      await createTrigger(t.app, { storeId, eventType: 'order_status_changed', localStateId: 4, platformStateId: 'spedito-parziale' });

      const index = sandbox.shop.statuses.findIndex((s) => s.slug === 'spedito-parziale');
      const [removed] = sandbox.shop.statuses.splice(index, 1);
      const report = await pullStates(t.app, { storeId });
      expect(report.ok).toBe(true);
      expect(report.totals.flagged).toBe(1);
      expect(report.stores[0]!.warnings.join('\n')).toMatch(/spedito|Spedito/);
      const flagged = await t.app.db.selectFrom('ecommerce_order_states').select(['is_deleted', 'is_missing']).where('id_ecommerce_order_state', '=', before.id_ecommerce_order_state).executeTakeFirstOrThrow();
      expect(Number(flagged.is_deleted) + Number(flagged.is_missing)).toBe(1);

      // A change to the mapped local state pushes nothing to a status the shop no longer has.
      const idOrigin = [...sandbox.shop.orders.values()].find((o) => o.status !== 'spedito-parziale')!.id;
      await t.app.db.insertInto('orders').values({ id_order: 5001, id_origin: idOrigin, id_platform: 3, id_store: storeId, id_order_state: 1, reference: 'REF5001' }).execute();
      const result = await setOrderStatus(t.app, { orderId: 5001, state: 4 });
      expect(result.sync?.status ?? null).not.toBe('done');
      expect(sandbox.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

      sandbox.shop.statuses.splice(index, 0, removed!);
      expect((await pullStates(t.app, { storeId })).ok).toBe(true);
      const back = await t.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'is_deleted', 'is_missing']).where('id_store', '=', storeId).where('code', '=', 'spedito-parziale').execute();
      expect(back).toEqual([{ ...before, is_deleted: 0, is_missing: 0 }]);
    });
  });
}
