import { afterEach, describe, expect, it } from 'vitest';
import { EventType, type Event } from '../../../src/events/event-types.js';
import { PlatformStateSyncHandler } from '../../../src/events/handlers/platform-state-sync-handler.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

// The spec's unit test, ported: order 32, state 1 -> 3, trigger 3 -> platform state 3.
describe('PlatformStateSyncHandler (the spec test)', () => {
  let t: TestApp;
  afterEach(async () => { await t?.cleanup(); });

  it('handles ORDER_STATUS_CHANGED and sets orders.id_ecommerce_state', async () => {
    t = await createTestApp({ sandbox: { orders: 5 } });
    const { app, sandbox, storeId } = t;
    await app.db.insertInto('ecommerce_order_states').values({ id_store: storeId!, id_platform_state: 3, name: '03 - Preparazione ordine in corso....', platform_name: 'PrestaShop' }).execute();
    const target = (await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').executeTakeFirstOrThrow()).id_ecommerce_order_state;
    await app.db.insertInto('orders').values({ id_order: 32, id_origin: 2, id_platform: 1, id_store: storeId!, id_order_state: 3 }).execute();
    sandbox!.shop.setOrderState(2, 2);
    // The spec's SQL, verbatim but for the platform state's local id.
    await app.db.insertInto('platform_state_triggers').values({ event_type: 'order_status_changed', id_store: storeId!, state_type: 'order_state', id_state_local: 3, id_state_platform: target, is_active: 1 }).execute();

    const handler = new PlatformStateSyncHandler(app);
    const event: Event = { event_type: EventType.ORDER_STATUS_CHANGED, data: { order_id: 32, old_state_id: 1, new_state_id: 3, id_platform: 1 } };
    expect(handler.canHandle(event)).toBe(true);
    await handler.handle(event);
    const order = await app.db.selectFrom('orders').select('id_ecommerce_state').where('id_order', '=', 32).executeTakeFirstOrThrow();
    expect(order.id_ecommerce_state).toBe(target);
    expect(sandbox!.shop.orders.get(2)!.current_state).toBe(3);
    // Handled twice: not pushed twice.
    await handler.handle(event);
    expect(sandbox!.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(handler.canHandle({ event_type: 'SOMETHING_ELSE' } as unknown as Event)).toBe(false);
  });

  it('is reported at start when disabled, and then no job is created', async () => {
    t = await createTestApp({ sandbox: { orders: 5 }, config: { plugins: { platform_state_sync: { enabled: false } } } });
    expect(t.log.lines.some((l) => l.startsWith('WARNING - plugin platform_state_sync is disabled'))).toBe(true);
    expect(t.app.bus.handlers.map((h) => h.name)).not.toContain('platform_state_sync');
  });
});
