import { afterEach, describe, expect, it } from 'vitest';
import { previewTriggerPush } from '../../../src/admin/trigger-preview.js';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { startShopifySandbox, type ShopifySandbox } from '../../../src/platforms/shopify-sandbox/index.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { listJobs } from '../../../src/sync/index.js';
import { createTrigger } from '../../../src/triggers/trigger-service.js';
import { testTrigger } from '../../../src/triggers/trigger-test.js';
import { wooEmailNote } from '../../../src/triggers/woo-email-note.js';
import { steppingClock } from '../../helpers/stepping-clock.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

const START = Date.UTC(2026, 10, 30, 10, 0, 0);
// Seeded Shopify orders cycle every 8 from #1001: open, paid, fulfilled, cancelled, closed, …
const SHOPIFY_OPEN = 1009;


async function addLocalOrder(t: TestApp, storeId: number, idPlatform: number, idOrigin: number, idOrder = 5001): Promise<number> {
  await t.app.db.insertInto('orders').values({ id_order: idOrder, id_origin: idOrigin, id_platform: idPlatform, id_store: storeId, id_order_state: 1, reference: `REF${idOrder}` }).execute();
  return idOrder;
}

async function addTriggerByCode(t: TestApp, storeId: number, localState: number, code: string): Promise<number> {
  const row = await t.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state']).where('id_store', '=', storeId).where('code', '=', code).executeTakeFirstOrThrow();
  await t.app.db.insertInto('platform_state_triggers').values({
    event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: localState, id_state_platform: row.id_ecommerce_order_state, is_active: 1, send_email: 0,
  }).execute();
  return row.id_ecommerce_order_state;
}

for (const dialect of testDialects()) {
  describe(`Shopify store through the platform port (${dialect})`, () => {
    let t: TestApp;
    let sandbox: ShopifySandbox;
    afterEach(async () => {
      await t?.cleanup();
      await sandbox?.close();
    });

    async function setup(token?: string) {
      sandbox = await startShopifySandbox({ now: START });
      const clock = steppingClock(START, (ms) => sandbox.clock.advance(ms));
      t = await createTestApp({ dialect, sandbox: false, overrides: { clock }, config: { sync: { max_wait_ms: 1000 } } });
      await t.app.db.insertInto('stores').values({ id_platform: 2, name: 'bottega', base_url: sandbox.url, api_key: token ?? sandbox.accessToken, settings: JSON.stringify({ api_version: '2026-10' }) }).execute();
      const storeId = (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', 'bottega').executeTakeFirstOrThrow()).id_store;
      return { storeId, clock };
    }

    it('states pull writes the fixed catalogue with Shopify codes and numbers 1-5', async () => {
      const { storeId } = await setup();
      const report = await pullStates(t.app, { storeId });
      expect(report.ok).toBe(true);
      const rows = await t.app.db.selectFrom('ecommerce_order_states').select(['code', 'id_platform_state']).where('id_store', '=', storeId).orderBy('id_platform_state').execute();
      expect(rows.map((r) => r.code).sort()).toEqual(['cancelled', 'closed', 'fulfilled', 'open', 'paid']);
      expect(rows.map((r) => r.id_platform_state)).toEqual([1, 2, 3, 4, 5]);
      expect((await pullStates(t.app, { storeId })).totals).toMatchObject({ created: 0, updated: 0, flagged: 0, unchanged: 5 });
    });

    it('a trigger + set-status closes the order with exactly one mutation; done; id_ecommerce_state set', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      const closed = await addTriggerByCode(t, storeId, 5, 'closed');
      const orderId = await addLocalOrder(t, storeId, 2, SHOPIFY_OPEN);
      const result = await setOrderStatus(t.app, { orderId, state: 5 });
      expect(result.sync).toMatchObject({ status: 'done', error: null });
      expect(sandbox.mutations.filter((m) => m.applied !== false).map((m) => m.field)).toEqual(['orderClose']);
      const order = await t.app.db.selectFrom('orders').select('id_ecommerce_state').where('id_order', '=', orderId).executeTakeFirstOrThrow();
      expect(order.id_ecommerce_state).toBe(closed);
    });

    it('fulfilled carries the local shipment tracking number', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      await addTriggerByCode(t, storeId, 4, 'fulfilled');
      const orderId = await addLocalOrder(t, storeId, 2, SHOPIFY_OPEN);
      await t.app.db.insertInto('shipments').values({ id_shipping_state: 1, tracking: '1Z999AA10123456784', carrier_name: 'UPS', date_add: '2026-11-30 10:00:00', date_upd: '2026-11-30 10:00:00' }).execute();
      const shipment = await t.app.db.selectFrom('shipments').select('id_shipping').executeTakeFirstOrThrow();
      await t.app.db.updateTable('orders').set({ id_shipping: shipment.id_shipping }).where('id_order', '=', orderId).execute();
      const result = await setOrderStatus(t.app, { orderId, state: 4 });
      expect(result.sync).toMatchObject({ status: 'done' });
      const created = sandbox.mutations.filter((m) => m.field === 'fulfillmentCreate');
      expect(created).toHaveLength(1);
      expect(JSON.stringify(created[0]!.variables)).toContain('1Z999AA10123456784');
    });

    it('set-status --dry-run and triggers test preview the Shopify mutation through describePush, sending nothing', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      await addTriggerByCode(t, storeId, 5, 'closed');
      const orderId = await addLocalOrder(t, storeId, 2, SHOPIFY_OPEN);
      const before = sandbox.requests.length;
      const result = await setOrderStatus(t.app, { orderId, state: 5, dryRun: true });
      expect(result.platform_call).toMatchObject({ method: 'POST', send_email: false });
      expect(result.platform_call!.body).toContain('orderClose');
      expect(result.platform_call!.summary).toEqual(expect.any(String));
      expect(result.platform_call!.url).not.toContain(sandbox.accessToken ?? 'no-token');
      const tested = await testTrigger(t.app, orderId, 5);
      expect(tested.platform_call!.body).toContain('orderClose');
      expect(sandbox.requests.length).toBe(before);
      expect(sandbox.mutations).toHaveLength(0);
    });

    it('applied then 500: the job reads the order and is done without a second mutation', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      await addTriggerByCode(t, storeId, 5, 'closed');
      const orderId = await addLocalOrder(t, storeId, 2, SHOPIFY_OPEN);
      sandbox.faults.failNext('applyThen500', { field: 'orderClose' });
      const result = await setOrderStatus(t.app, { orderId, state: 5 });
      expect(result.sync).toMatchObject({ status: 'done' });
      expect(sandbox.mutations.filter((m) => m.field === 'orderClose')).toHaveLength(1);
    });

    it('a refused token marks the store failing and the job failed', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      await addTriggerByCode(t, storeId, 5, 'closed');
      const orderId = await addLocalOrder(t, storeId, 2, SHOPIFY_OPEN);
      sandbox.faults.failNext('unauthorized', { times: 10 });
      const result = await setOrderStatus(t.app, { orderId, state: 5 });
      expect(result.sync).toMatchObject({ status: 'failed' });
      const store = await t.app.db.selectFrom('stores').select('credentials_error').where('id_store', '=', storeId).executeTakeFirstOrThrow();
      expect(store.credentials_error).toMatch(/refused/);
      expect(sandbox.mutations).toHaveLength(0);
    });
  });

  describe(`WooCommerce store through the platform port (${dialect})`, () => {
    let t: TestApp;
    let sandbox: WooSandbox;
    afterEach(async () => {
      await t?.cleanup();
      await sandbox?.close();
    });

    async function setup(key: { consumerKey: string; consumerSecret: string } = WOO_SANDBOX_KEYS.readWrite) {
      sandbox = await startWooSandbox({ port: 0, orders: 30, seed: 11, frozenClock: true, now: START });
      const clock = steppingClock(START);
      t = await createTestApp({ dialect, sandbox: false, overrides: { clock }, config: { sync: { max_wait_ms: 1000 } } });
      await t.app.db.insertInto('stores').values({ id_platform: 3, name: 'bottega-wc', base_url: sandbox.url, api_key: key.consumerKey, api_secret: key.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) }).execute();
      const storeId = (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', 'bottega-wc').executeTakeFirstOrThrow()).id_store;
      return { storeId, clock };
    }
    const puts = () => sandbox.requests.filter((r) => r.method === 'PUT').length;
    const orderNotIn = (status: string) => [...sandbox.shop.orders.values()].find((o) => o.status !== status)!.id;

    it('states pull writes the statuses by slug with stable numbers, never reused', async () => {
      const { storeId } = await setup();
      expect((await pullStates(t.app, { storeId })).ok).toBe(true);
      const rows = await t.app.db.selectFrom('ecommerce_order_states').select(['code', 'id_platform_state', 'name']).where('id_store', '=', storeId).execute();
      const codes = rows.map((r) => r.code);
      expect(codes).toEqual(expect.arrayContaining(['pending', 'processing', 'completed', 'spedito-parziale']));
      const numbers = rows.map((r) => r.id_platform_state);
      expect(new Set(numbers).size).toBe(numbers.length);
      const before = new Map(rows.map((r) => [r.code, r.id_platform_state]));
      await pullStates(t.app, { storeId });
      const again = await t.app.db.selectFrom('ecommerce_order_states').select(['code', 'id_platform_state']).where('id_store', '=', storeId).execute();
      expect(new Map(again.map((r) => [r.code, r.id_platform_state]))).toEqual(before);
    });

    it('a trigger + set-status makes one PUT; 500 after the PUT applied is read back and not repeated', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      await addTriggerByCode(t, storeId, 5, 'completed');
      const first = await addLocalOrder(t, storeId, 3, orderNotIn('completed'));
      expect((await setOrderStatus(t.app, { orderId: first, state: 5 })).sync).toMatchObject({ status: 'done' });
      expect(puts()).toBe(1);

      const id = [...sandbox.shop.orders.values()].filter((o) => o.status !== 'completed')[1]!.id;
      const second = await addLocalOrder(t, storeId, 3, id, 5002);
      sandbox.faults.commitThen500(1, { method: 'PUT' });
      expect((await setOrderStatus(t.app, { orderId: second, state: 5 })).sync).toMatchObject({ status: 'done' });
      expect(puts()).toBe(2);
      expect(sandbox.shop.orders.get(id)!.status).toBe('completed');
    });

    it('a trigger names its target by code; a status WooCommerce mails about says --no-send-email cannot promise silence', async () => {
      const { storeId } = await setup();
      await pullStates(t.app, { storeId });
      const trigger = await createTrigger(t.app, { storeId, eventType: 'order_status_changed', localStateId: 5, platformStateId: 'completed', sendEmail: false });
      const row = await t.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state']).where('id_store', '=', storeId).where('code', '=', 'completed').executeTakeFirstOrThrow();
      expect(trigger.id_state_platform).toBe(row.id_ecommerce_order_state);
      expect(await wooEmailNote(t.app.db, storeId, row.id_ecommerce_order_state)).toMatch(/--no-send-email cannot promise silence/);
      const custom = await t.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).where('code', '=', 'spedito-parziale').executeTakeFirstOrThrow();
      expect(await wooEmailNote(t.app.db, storeId, custom.id_ecommerce_order_state)).toBeNull();
      const preview = await previewTriggerPush(t.app, { storeId, platformStateId: row.id_platform_state, sendEmail: false });
      expect(preview).toMatchObject({ method: 'PUT', body: JSON.stringify({ status: 'completed' }) });
      expect(preview.url).toContain('/orders/1');
      expect(preview.url).not.toContain(WOO_SANDBOX_KEYS.readWrite.consumerSecret);
      await expect(createTrigger(t.app, { storeId, eventType: 'order_status_changed', localStateId: 4, platformStateId: 'no-such-status' })).rejects.toMatchObject({ code: 'PLATFORM_STATE_NOT_FOUND' });
    });

    it('429 with a long Retry-After: pending with not_before, nothing slept beyond sync.max_wait_ms', async () => {
      const { storeId, clock } = await setup();
      await pullStates(t.app, { storeId });
      await addTriggerByCode(t, storeId, 5, 'completed');
      const orderId = await addLocalOrder(t, storeId, 3, orderNotIn('completed'));
      sandbox.faults.failNext(1, 429, { method: 'PUT', retryAfterSeconds: 600 });
      const result = await setOrderStatus(t.app, { orderId, state: 5 });
      expect(result.sync).toMatchObject({ status: 'pending' });
      const [job] = await listJobs(t.app, { orderId });
      expect(job!.not_before).toBe(START + 600_000);
      expect(clock.sleeps.every((ms) => ms <= 1000)).toBe(true);
      expect(puts()).toBe(1);
    });

    it('a refused key marks the store failing', async () => {
      const { storeId } = await setup();
      await t.app.db.insertInto('ecommerce_order_states').values({ id_store: storeId, id_platform_state: 1, code: 'completed', name: 'Completed', platform_name: 'WooCommerce', is_deleted: 0, send_email: 1 }).execute();
      await t.app.db.updateTable('stores').set({ api_secret: 'cs_bad' }).where('id_store', '=', storeId).execute();
      await addTriggerByCode(t, storeId, 5, 'completed');
      const idOrigin = orderNotIn('completed');
      const orderId = await addLocalOrder(t, storeId, 3, idOrigin);
      const result = await setOrderStatus(t.app, { orderId, state: 5 });
      expect(result.sync).toMatchObject({ status: 'failed' });
      const store = await t.app.db.selectFrom('stores').select('credentials_error').where('id_store', '=', storeId).executeTakeFirstOrThrow();
      expect(store.credentials_error).not.toBeNull();
      // The one PUT was refused (401) and not repeated.
      expect(puts()).toBe(1);
      expect(sandbox.shop.orders.get(idOrigin)!.status).not.toBe('completed');
    });
  });
}
