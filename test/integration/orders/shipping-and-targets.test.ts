import { afterEach, describe, expect, it } from 'vitest';
import { setOrderStatus, setShippingStatus } from '../../../src/orders/set-order-status.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { addTrigger, seedSyncData } from '../sync/sync-fixtures.js';

describe('shipping status and unusable trigger targets', () => {
  let t: TestApp;
  afterEach(async () => { await t?.cleanup(); });

  it('set-shipping-status creates the shipment, fires a shipping trigger and pushes once', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    await seedSyncData(t.app, t.sandbox!, t.storeId!, { orders: 2 });
    await addTrigger(t.app, t.storeId!, 2, 4, { kind: 'shipping' });
    const result = await setShippingStatus(t.app, { orderId: 1001, state: 'In transito' });
    expect(result).toMatchObject({ id_order: 1001, old_state: null, new_state: 2, changed: true, sync: { status: 'done', id_platform_state: 4 } });
    const order = await t.app.db.selectFrom('orders').innerJoin('shipments', 'shipments.id_shipping', 'orders.id_shipping').select(['shipments.id_shipping_state']).where('id_order', '=', 1001).executeTakeFirstOrThrow();
    expect(order.id_shipping_state).toBe(2);
    expect(t.sandbox!.shop.orders.get(1)!.current_state).toBe(4);
    const again = await setShippingStatus(t.app, { orderId: 1001, state: 2 });
    expect(again.changed).toBe(false);
    expect(t.sandbox!.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // An order-state trigger for local 2 does not fire on a shipping change and vice versa.
    const orderChange = await setOrderStatus(t.app, { orderId: 1002, state: 2 });
    expect(orderChange.sync).toBeNull();
  });

  it('a trigger pointing to a state deleted on the platform is not pushed: a failed job says why', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    await seedSyncData(t.app, t.sandbox!, t.storeId!, { orders: 2 });
    await addTrigger(t.app, t.storeId!, 5, 14); // 14 "Vecchio stato (eliminato)" is deleted on the shop
    const result = await setOrderStatus(t.app, { orderId: 1001, state: 5 });
    expect(result.sync).toMatchObject({ status: 'failed', id_platform_state: 14 });
    expect(result.sync?.error).toMatch(/deleted on the platform/);
    expect(t.sandbox!.requests).toHaveLength(0);
    const dry = await setOrderStatus(t.app, { orderId: 1002, state: 5, dryRun: true });
    expect(dry.trigger?.unusable).toMatch(/deleted/);
    expect(dry.platform_call).toBeNull();
  });

  it('a newer change supersedes the older pending job of the same order (latest wins)', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    await seedSyncData(t.app, t.sandbox!, t.storeId!, { orders: 2 });
    await addTrigger(t.app, t.storeId!, 3, 3);
    await addTrigger(t.app, t.storeId!, 4, 4);
    t.sandbox!.faults.failNext(1000, 503);
    const first = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
    expect(first.sync?.status).toBe('pending');
    const second = await setOrderStatus(t.app, { orderId: 1001, state: 4 });
    const jobs = await t.app.db.selectFrom('sync_jobs').select(['id_sync_job', 'status']).orderBy('id_sync_job').execute();
    expect(jobs.map((j) => j.status)).toEqual(['superseded', 'pending']);
    expect(second.sync?.id_sync_job).toBe(jobs[1]!.id_sync_job);
  });
});
