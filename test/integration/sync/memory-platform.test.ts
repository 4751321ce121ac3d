import { afterEach, describe, expect, it } from 'vitest';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { deliverDueJobs } from '../../../src/sync/index.js';
import { MemoryPlatform, usePlatformPort } from '../../helpers/memory-platform.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * The core's delivery guarantees against a platform with no HTTP and nothing of PrestaShop,
 * Shopify or WooCommerce in it: what the engine promises holds for any PlatformPort.
 */
describe('the core against an in-memory platform (SQLite file)', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.cleanup();
  });

  const ORDER = 5001;
  const ORIGIN = 77;

  async function setup(options: { targetDeleted?: boolean } = {}) {
    t = await createTestApp({ sandbox: false });
    const platform = new MemoryPlatform(
      [{ code: 'paid', name: 'Paid' }, { code: 'shipped', name: 'Shipped', deleted: options.targetDeleted === true }],
      [{ idOrigin: ORIGIN, code: 'paid' }],
    );
    usePlatformPort(t.app, platform);
    const { db } = t.app;
    await db.insertInto('stores').values({ id_platform: 1, name: 'memory', base_url: 'http://memory.invalid', api_key: null }).execute();
    const storeId = (await db.selectFrom('stores').select('id_store').where('name', '=', 'memory').executeTakeFirstOrThrow()).id_store;
    for (const [index, state] of platform.catalogue.entries()) {
      await db.insertInto('ecommerce_order_states').values({
        id_store: storeId, id_platform_state: index + 1, code: state.code, name: state.name, platform_name: 'memory', is_deleted: 0, send_email: 0,
      }).execute();
    }
    const shipped = (await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).where('code', '=', 'shipped').executeTakeFirstOrThrow()).id_ecommerce_order_state;
    await db.insertInto('platform_state_triggers').values({
      event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: 4, id_state_platform: shipped, is_active: 1, send_email: 0,
    }).execute();
    await db.insertInto('orders').values({ id_order: ORDER, id_origin: ORIGIN, id_platform: 1, id_store: storeId, id_order_state: 1, reference: 'REF5001' }).execute();
    return { platform, storeId, shipped };
  }

  async function job() {
    return t.app.db.selectFrom('sync_jobs').selectAll().where('id_order', '=', ORDER).executeTakeFirstOrThrow();
  }

  async function ecommerceState(): Promise<number | null> {
    return (await t.app.db.selectFrom('orders').select('id_ecommerce_state').where('id_order', '=', ORDER).executeTakeFirstOrThrow()).id_ecommerce_state;
  }

  it('a change is pushed exactly once: done with the answer as evidence, and a later run sends nothing more', async () => {
    const { platform, shipped } = await setup();
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'done', error: null, id_ecommerce_order_state: shipped });
    expect(platform.pushes()).toEqual([{ method: 'push', idOrigin: ORIGIN, code: 'shipped', sendEmail: false }]);
    expect(platform.applied).toEqual([{ idOrigin: ORIGIN, code: 'shipped' }]);
    expect(await ecommerceState()).toBe(shipped);

    await deliverDueJobs(t.app);
    expect(platform.pushes()).toHaveLength(1);
    expect(await job()).toMatchObject({ status: 'done', in_doubt: 0, attempts: 1 });
  });

  it('applied, then a 500: the order is read before anything is repeated, and the job is done with one write', async () => {
    const { platform } = await setup();
    platform.failNextPush('apply-then-500');
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'done' });
    expect(platform.calls.map((c) => c.method)).toEqual(['push', 'readPushState']);
    expect(platform.applied).toHaveLength(1);
  });

  it('applied, then the answer is lost: the next attempt reads first and does not write again', async () => {
    const { platform } = await setup();
    platform.failNextPush('apply-then-drop');
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'done' });
    expect(platform.calls.map((c) => c.method)).toEqual(['push', 'readPushState']);
    expect(platform.applied).toHaveLength(1);
  });

  it('a 500 with nothing applied: read (not applied), the target checked once, then pushed again: one change on the shop', async () => {
    const { platform } = await setup();
    platform.failNextPush('not-applied-500');
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'done', attempts: 2 });
    expect(platform.calls.map((c) => c.method)).toEqual(['push', 'readPushState', 'readTargetStatus', 'push']);
    expect(platform.applied).toEqual([{ idOrigin: ORIGIN, code: 'shipped' }]);
  });

  it('a target the shop refuses fails for good: one push, not retried by a later run', async () => {
    const { platform } = await setup();
    platform.failNextPush('bad-target');
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'failed', http_status: 400 });
    expect(result.sync?.error).toMatch(/state shipped is not a state of this shop/);
    await deliverDueJobs(t.app);
    expect(platform.pushes()).toHaveLength(1);
    expect(await job()).toMatchObject({ status: 'failed', in_doubt: 0 });
    expect(await ecommerceState()).toBeNull();
  });

  it('a target deleted on the shop, found after an unknown outcome: failed for good with what to do', async () => {
    const { platform } = await setup({ targetDeleted: true });
    platform.failNextPush('not-applied-500');
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'failed' });
    expect(result.sync?.error).toMatch(/platform state shipped \(2\) is deleted on the shop .*ecom-sync states pull --store/);
    expect(platform.calls.map((c) => c.method)).toEqual(['push', 'readPushState', 'readTargetStatus']);
    await deliverDueJobs(t.app);
    expect(platform.pushes()).toHaveLength(1);
  });

  it('the last pull saw the shop already in the target state: read first, done without a push', async () => {
    const { platform, shipped } = await setup();
    platform.orders.set(ORIGIN, 'shipped');
    await t.app.db.updateTable('orders').set({ id_ecommerce_state: shipped }).where('id_order', '=', ORDER).execute();
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'done', http_status: 200 });
    expect(platform.pushes()).toHaveLength(0);
    expect(platform.calls.map((c) => c.method)).toEqual(['readPushState']);
    const log = await t.app.db.selectFrom('sync_log').select('message').where('id_order', '=', ORDER).execute();
    expect(log.map((l) => l.message).join('\n')).toContain('already on the shop: not posted');
  });

  it('a refused key fails the job at once and marks the store; nothing is applied', async () => {
    const { platform, storeId } = await setup();
    platform.failNextPush('credentials');
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4 });
    expect(result.sync).toMatchObject({ status: 'failed', http_status: 401 });
    const store = await t.app.db.selectFrom('stores').select('credentials_error').where('id_store', '=', storeId).executeTakeFirstOrThrow();
    expect(store.credentials_error).toEqual(expect.any(String));
    expect(platform.applied).toHaveLength(0);
  });

  it('set-status --dry-run shows the port\'s describePush and sends nothing', async () => {
    const { platform } = await setup();
    const result = await setOrderStatus(t.app, { orderId: ORDER, state: 4, dryRun: true });
    expect(result.platform_call).toMatchObject({ method: 'PUT', url: `memory://orders/${ORIGIN}`, summary: `order ${ORIGIN} → shipped`, send_email: false });
    expect(platform.calls).toEqual([]);
  });
});
