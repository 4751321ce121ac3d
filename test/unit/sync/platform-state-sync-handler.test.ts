import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app-types.js';
import { EventType, type Event } from '../../../src/events/event-types.js';
import { PlatformStateSyncHandler } from '../../../src/events/handlers/platform-state-sync-handler.js';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { enqueueForChange } from '../../../src/sync/enqueue-for-change.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

/** The spec's fixture: order 32 (platform order 2) of the sandbox store, trigger local 3 -> platform state 3. */
async function seedSpecOrder(t: TestApp, options: { trigger?: boolean; idOrigin?: number | null } = {}): Promise<number> {
  const { app, storeId } = t;
  await app.db.insertInto('ecommerce_order_states').values({ id_store: storeId!, id_platform_state: 3, name: '03 - Preparazione ordine in corso....', platform_name: 'PrestaShop' }).execute();
  const target = (await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').executeTakeFirstOrThrow()).id_ecommerce_order_state;
  await app.db.insertInto('orders').values({ id_order: 32, id_origin: options.idOrigin === undefined ? 2 : options.idOrigin, id_platform: 1, id_store: storeId!, id_order_state: 3 }).execute();
  t.sandbox!.shop.setOrderState(2, 2);
  if (options.trigger !== false) {
    // The spec's SQL, verbatim but for the platform state's local id.
    await app.db.insertInto('platform_state_triggers').values({ event_type: 'order_status_changed', id_store: storeId!, state_type: 'order_state', id_state_local: 3, id_state_platform: target, is_active: 1 }).execute();
  }
  return target;
}

const specEvent: Event = { event_type: EventType.ORDER_STATUS_CHANGED, data: { order_id: 32, old_state_id: 1, new_state_id: 3, id_platform: 1 } };

const posts = (t: TestApp) => t.sandbox!.requests.filter((r) => r.method === 'POST').length;
const jobsOf = (app: App) => app.db.selectFrom('sync_jobs').select(['id_sync_job', 'status']).orderBy('id_sync_job').execute();

// The spec's unit test, ported: order 32, state 1 -> 3, trigger 3 -> platform state 3.
describe('PlatformStateSyncHandler (the spec test)', () => {
  let t: TestApp;
  afterEach(async () => { await t?.cleanup(); });

  it('handles ORDER_STATUS_CHANGED and sets orders.id_ecommerce_state', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    const { app, sandbox } = t;
    const target = await seedSpecOrder(t);

    const handler = new PlatformStateSyncHandler(app);
    expect(handler.canHandle(specEvent)).toBe(true);
    await handler.handle(specEvent);
    const order = await app.db.selectFrom('orders').select('id_ecommerce_state').where('id_order', '=', 32).executeTakeFirstOrThrow();
    expect(order.id_ecommerce_state).toBe(target);
    expect(sandbox!.shop.orders.get(2)!.current_state).toBe(3);
    // Handled twice: not pushed twice (the platform already is in the target state).
    await handler.handle(specEvent);
    expect(posts(t)).toBe(1);
    expect(await jobsOf(app)).toEqual([{ id_sync_job: 1, status: 'done' }]);
    expect(handler.canHandle({ event_type: 'SOMETHING_ELSE' } as unknown as Event)).toBe(false);
  });

  it('an event without job ids reuses the open job towards the same state instead of queueing a second one', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    const { app } = t;
    await seedSpecOrder(t);
    const queued = await app.db.transaction().execute((trx) => enqueueForChange(trx, {
      order: { id_order: 32, id_store: t.storeId!, id_origin: 2 }, kind: 'order', localStateId: 3,
    }, { config: app.config, now: app.clock.now(), push: true }));
    expect(queued).toMatchObject({ outcome: 'queued', status: 'pending' });

    await new PlatformStateSyncHandler(app).handle(specEvent);
    expect(await jobsOf(app)).toEqual([{ id_sync_job: 1, status: 'done' }]);
    expect(posts(t)).toBe(1);
  });

  it('no active trigger: the spec\'s log line, no job, nothing sent', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    await seedSpecOrder(t, { trigger: false });
    await new PlatformStateSyncHandler(t.app).handle(specEvent);
    expect(t.log.lines).toContain(`DEBUG - Nessun trigger trovato per order_id=32, state_id=3, store=${t.storeId}`);
    expect(await jobsOf(t.app)).toEqual([]);
    expect(posts(t)).toBe(0);
  });

  it('an order not linked to a platform order, or an unknown one: no job, nothing sent', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    await seedSpecOrder(t, { idOrigin: null });
    const handler = new PlatformStateSyncHandler(t.app);
    await handler.handle(specEvent);
    await handler.handle({ ...specEvent, data: { ...specEvent.data, order_id: 999 } });
    expect(t.log.lines).toContain('DEBUG - order 32 is not linked to a platform order: nothing to push');
    expect(t.log.lines).toContain('DEBUG - order 999 is not linked to a platform order: nothing to push');
    expect(await jobsOf(t.app)).toEqual([]);
    expect(posts(t)).toBe(0);
  });

  it('is switched by plugins.platform_state_sync.enabled: when disabled it is reported at start, and a change creates no job', async () => {
    t = await createTestApp({ sandbox: { orders: 5 }, config: { plugins: { platform_state_sync: { enabled: false } } } });
    expect(t.log.lines.some((l) => l.startsWith('WARNING - plugin platform_state_sync is disabled'))).toBe(true);
    expect(t.app.bus.handlers.map((h) => h.name)).not.toContain('platform_state_sync');
    await seedSpecOrder(t);
    await t.app.db.updateTable('orders').set({ id_order_state: 1 }).where('id_order', '=', 32).execute();
    // The config decides, not the names of the handlers on the bus.
    const seen: Event[] = [];
    t.app.bus.register({ name: 'platform_state_sync', canHandle: () => true, handle: async (event) => { seen.push(event); } });

    const result = await setOrderStatus(t.app, { orderId: 32, state: 3 });
    expect(result).toMatchObject({ changed: true, sync: null, sync_note: 'not synced: plugin platform_state_sync is disabled' });
    expect(await jobsOf(t.app)).toEqual([]);
    expect(posts(t)).toBe(0);
    // The event still goes out, with the spec's data, for plugins.
    expect(seen).toEqual([{ event_type: EventType.ORDER_STATUS_CHANGED, data: { order_id: 32, old_state_id: 1, new_state_id: 3, id_platform: 1 }, meta: { sync_job_ids: [] } }]);
  });

  it('enabled (the default): the same change queues its job in the transaction and the handler delivers exactly it', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    await seedSpecOrder(t);
    await t.app.db.updateTable('orders').set({ id_order_state: 1 }).where('id_order', '=', 32).execute();
    const result = await setOrderStatus(t.app, { orderId: 32, state: 3 });
    expect(result).toMatchObject({ changed: true, sync: { id_sync_job: 1, status: 'done' }, sync_note: null });
    expect(posts(t)).toBe(1);
  });
});
