import { afterEach, describe, expect, it } from 'vitest';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { deliverDueJobs, listJobs, retryJobs } from '../../../src/sync/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';
import { addTrigger, lastHistoryId, seedSyncData, storedHistories } from './sync-fixtures.js';

const SPEC_XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">',
  '  <order_history>',
  '    <id_order>1</id_order>',
  '    <id_order_state>3</id_order_state>',
  '  </order_history>',
  '</prestashop>',
].join('\n');

for (const dialect of testDialects()) {
  describe(`set-status and sync (${dialect})`, () => {
    let t: TestApp;
    afterEach(async () => { await t?.cleanup(); });

    async function setup(overrides: Parameters<typeof createTestApp>[0] = {}) {
      t = await createTestApp({ dialect, sandbox: { orders: 20 }, ...overrides });
      const sandbox = t.sandbox!;
      const seeded = await seedSyncData(t.app, sandbox, t.storeId!, { orders: 5 });
      const target3 = await addTrigger(t.app, t.storeId!, 3, 3);
      const target4 = await addTrigger(t.app, t.storeId!, 4, 4);
      return { sandbox, ...seeded, target3, target4 };
    }

    it('posts exactly one order_history with the spec XML and sets id_ecommerce_state', async () => {
      const { sandbox, target3 } = await setup();
      const before = lastHistoryId(sandbox);
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result).toMatchObject({ message: 'Stato ordine aggiornato con successo', id_order: 1001, old_state: 1, new_state: 3, changed: true });
      expect(result.sync).toMatchObject({ status: 'done', id_platform_state: 3, platform_state_name: '03 - Preparazione ordine in corso....', attempts: 1, error: null });
      const posts = sandbox.requests.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(1);
      expect(posts[0]!.path).toBe('/api/order_histories');
      expect(posts[0]!.query).not.toContain('ws_key');
      expect(posts[0]!.body?.trim()).toBe(SPEC_XML);
      expect(posts[0]!.status).toBe(201);
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      expect(sandbox.shop.orders.get(1)!.current_state).toBe(3);
      const order = await t.app.db.selectFrom('orders').selectAll().where('id_order', '=', 1001).executeTakeFirstOrThrow();
      expect(order.id_order_state).toBe(3);
      expect(order.id_ecommerce_state).toBe(target3);
      const history = await t.app.db.selectFrom('orders_history').selectAll().where('id_order', '=', 1001).execute();
      expect(history.map((h) => h.id_order_state)).toEqual([3]);
      expect(t.log.lines).toContain('INFO - Stato ordine 1001 sincronizzato con successo a store 1 (platform_state_id=3)');
      expect(t.log.lines).toContain(`INFO - Updated order 1001.id_ecommerce_state to ${target3}`);
      const log = await t.app.db.selectFrom('sync_log').selectAll().where('id_order', '=', 1001).execute();
      expect(log).toHaveLength(1);
    });

    it('without a trigger makes no platform call and logs the spec debug message', async () => {
      const { sandbox } = await setup();
      const result = await setOrderStatus(t.app, { orderId: 1002, state: 2 });
      expect(result.changed).toBe(true);
      expect(result.sync).toBeNull();
      expect(sandbox.requests).toHaveLength(0);
      expect(t.log.lines).toContain('DEBUG - Nessun trigger trovato per order_id=1002, state_id=2, store=1');
      expect(await listJobs(t.app, { orderId: 1002 })).toHaveLength(0);
    });

    it('500, 500, 201: one history row, retried on the configured backoff', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.failNext(2, 500, { method: 'POST', path: '/api/order_histories' });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync).toMatchObject({ status: 'done' });
      // 500 may mean "committed": each repeat reads the order first (2 reads), then posts.
      expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([500, 500, 201]);
      expect(sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/api/orders')).toHaveLength(2);
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      expect(t.log.lines.filter((l) => l.startsWith('WARNING - sync job'))).toHaveLength(2);
    });

    it('commit-then-500: reads the order back and never posts a second history row', async () => {
      const { sandbox, target3 } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.commitThen500(1, { method: 'POST', path: '/api/order_histories' });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync).toMatchObject({ status: 'done', attempts: 1 });
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      const order = await t.app.db.selectFrom('orders').select('id_ecommerce_state').where('id_order', '=', 1001).executeTakeFirstOrThrow();
      expect(order.id_ecommerce_state).toBe(target3);
    });

    it('commit-then-drop: the same, after a dropped connection', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.commitThenDrop(1, { method: 'POST', path: '/api/order_histories' });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 4 });
      expect(result.sync).toMatchObject({ status: 'done' });
      expect(storedHistories(sandbox, 1, before)).toEqual([4]);
    });

    it('401: fails at once with a credentials error; after fixing the key, retry delivers it', async () => {
      const { sandbox, target3 } = await setup();
      await t.app.db.updateTable('stores').set({ api_key: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY' }).where('id_store', '=', t.storeId!).execute();
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('failed');
      expect(result.sync?.http_status).toBe(401);
      expect(result.sync?.error).toMatch(/API key of store sandbox \(#1\) is refused/);
      expect(result.sync?.error).not.toContain('WRONGKEY');
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(t.log.lines).toContain('ERROR - Errore sync order state per order_id=1001: HTTP 401 Unauthorized');
      const store = await t.app.db.selectFrom('stores').selectAll().where('id_store', '=', t.storeId!).executeTakeFirstOrThrow();
      expect(store.credentials_error).toMatch(/401/);
      // Not retried automatically.
      expect(await deliverDueJobs(t.app)).toMatchObject({ delivered: 0, failed: 0 });

      await t.app.db.updateTable('stores').set({ api_key: sandbox.apiKey }).where('id_store', '=', t.storeId!).execute();
      const retried = await retryJobs(t.app, { failed: true });
      expect(retried.requeued).toEqual([result.sync!.id_sync_job]);
      expect(await deliverDueJobs(t.app)).toMatchObject({ delivered: 1, failed: 0, pending: 0 });
      expect(sandbox.shop.orders.get(1)!.current_state).toBe(3);
      const order = await t.app.db.selectFrom('orders').select('id_ecommerce_state').where('id_order', '=', 1001).executeTakeFirstOrThrow();
      expect(order.id_ecommerce_state).toBe(target3);
      const fixed = await t.app.db.selectFrom('stores').select('credentials_error').where('id_store', '=', t.storeId!).executeTakeFirstOrThrow();
      expect(fixed.credentials_error).toBeNull();
    });

    it('a 4xx is not retried', async () => {
      const { sandbox } = await setup();
      sandbox.faults.failNext(1, 400, { method: 'POST', path: '/api/order_histories', code: 85, message: 'Invalid value' });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('failed');
      expect(sandbox.requests).toHaveLength(1);
    });

    it('platform down for the whole run: jobs stay pending; a later run delivers each exactly once', async () => {
      const { sandbox, orderIds } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.failNext(1000, 503);
      for (const id of orderIds) {
        const result = await setOrderStatus(t.app, { orderId: id, state: 4 });
        expect(result.sync?.status).toBe('pending');
        expect(result.sync?.error).toMatch(/503/);
      }
      const pending = await listJobs(t.app, { status: 'pending' });
      expect(pending).toHaveLength(orderIds.length);
      expect(pending.every((j) => j.runs === 1 && j.next_attempt_at > j.updated_at - 1)).toBe(true);
      sandbox.faults.clear();
      const summary = await deliverDueJobs(t.app, { ignoreBackoff: true });
      expect(summary).toMatchObject({ delivered: orderIds.length, failed: 0, pending: 0 });
      for (let origin = 1; origin <= orderIds.length; origin += 1) expect(storedHistories(sandbox, origin, before)).toEqual([4]);
      expect(await deliverDueJobs(t.app, { ignoreBackoff: true })).toMatchObject({ delivered: 0 });
    });

    it('429 honours Retry-After and then delivers', async () => {
      // The app's clock: each sleep is recorded and moves time on at once, so the wait is checked, not waited.
      let now = Date.UTC(2025, 0, 6, 8);
      const sleeps: number[] = [];
      const clock = { now: () => now, sleep: async (ms: number) => { sleeps.push(ms); now += ms; await new Promise((resolve) => setImmediate(resolve)); } };
      const { sandbox } = await setup({ overrides: { clock } });
      sandbox.faults.failNext(1, 429, { method: 'POST', path: '/api/order_histories', retryAfterSeconds: 5 });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('done');
      const posts = sandbox.requests.filter((r) => r.method === 'POST');
      expect(posts.map((p) => p.status)).toEqual([429, 201]);
      // Retry-After: 5 s, far over the configured backoff (20–80 ms).
      expect(sleeps.filter((ms) => ms >= 5000)).toHaveLength(1);
    });

    it('state 3 then 4 in quick succession: the platform ends at 4, never 3 after 4', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.setLatency(40);
      // The second change is committed while the first one's push is still on its way: on a
      // pooled database two calls started together may commit in either order.
      const firstCall = setOrderStatus(t.app, { orderId: 1001, state: 3 });
      while (!(await t.app.db.selectFrom('sync_jobs').select('id_sync_job').where('id_order', '=', 1001).where('id_state_local', '=', 3).executeTakeFirst())) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const [first, second] = await Promise.all([firstCall, setOrderStatus(t.app, { orderId: 1001, state: 4 })]);
      expect([first.new_state, second.new_state]).toEqual([3, 4]);
      expect(second.sync?.status).toBe('done');
      const stored = storedHistories(sandbox, 1, before);
      expect(stored[stored.length - 1]).toBe(4);
      expect(sandbox.shop.orders.get(1)!.current_state).toBe(4);
      const local = await t.app.db.selectFrom('orders').select(['id_order_state']).where('id_order', '=', 1001).executeTakeFirstOrThrow();
      expect(local.id_order_state).toBe(4);
    });
  });
}
