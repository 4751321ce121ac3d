import { afterEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/db/dialect.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { createTrigger, getTrigger, isUniqueViolation, listTriggers, removeTrigger, setTriggerActive, testTrigger } from '../../../src/triggers/index.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

let current: TestApp | undefined;
const extra: Sandbox[] = [];
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
  for (const sandbox of extra.splice(0)) await sandbox.close();
});

/** A store with its catalogue pulled, and a second store (its own sandbox) with its own catalogue. */
async function setup(dialect: DialectName) {
  current = await createTestApp({ dialect, sandbox: { orders: 3, seed: 5 } });
  const second = await startSandbox({ orders: 2, seed: 6 });
  extra.push(second);
  // Only the second shop has a state 20: a trigger of store 1 must not accept it.
  second.shop.addState({ id: 20, name: { 1: 'Solo nel secondo negozio', 2: 'Second shop only' } });
  await current.app.db.insertInto('stores').values({ id_platform: 1, name: 'secondo', base_url: second.url, api_key: second.apiKey }).execute();
  await pullStates(current.app);
  const secondId = (await current.app.db.selectFrom('stores').select('id_store').where('name', '=', 'secondo').executeTakeFirstOrThrow()).id_store;
  return { t: current, storeId: current.storeId!, secondId };
}

const base = { eventType: 'order_status_changed', localStateId: 3, platformStateId: 3 } as const;

for (const dialect of testDialects()) {
  describe(`triggers on ${dialect}`, () => {
    it('creates a trigger pointing to the local id of the platform state, with names', async () => {
      const { t, storeId } = await setup(dialect);
      const trigger = await createTrigger(t.app, { storeId, ...base, sendEmail: true });
      const localId = (await t.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).where('id_platform_state', '=', 3).executeTakeFirstOrThrow()).id_ecommerce_order_state;
      expect(trigger).toMatchObject({
        event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: 3, id_state_platform: localId, is_active: true,
        store_name: 'sandbox', local_state_name: 'In preparazione', platform_state_id: 3, platform_state_name: '03 - Preparazione ordine in corso....', send_email: true, platform_state_flag: null,
      });
      expect(trigger.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
      expect(await getTrigger(t.app, trigger.id_trigger)).toEqual(trigger);
      const shipping = await createTrigger(t.app, { storeId, eventType: 'shipping_status_changed', localStateId: 2, platformStateId: 4 });
      expect(shipping).toMatchObject({ state_type: 'shipping_state', local_state_name: 'In transito', platform_state_id: 4, send_email: null });
      expect((await listTriggers(t.app, { storeId })).map((x) => x.id_trigger)).toEqual([trigger.id_trigger, shipping.id_trigger]);
    });

    it('refuses each invalid trigger with a clear message and a stable code', async () => {
      const { t, storeId, secondId } = await setup(dialect);
      await expect(createTrigger(t.app, { storeId: 99, ...base })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND', httpStatus: 404 });
      await expect(createTrigger(t.app, { storeId, ...base, eventType: 'order_created' })).rejects.toMatchObject({ code: 'INVALID_EVENT_TYPE', message: expect.stringContaining('order_status_changed, shipping_status_changed') });
      await expect(createTrigger(t.app, { storeId, ...base, stateType: 'shipping_state' })).rejects.toMatchObject({ code: 'STATE_TYPE_MISMATCH', httpStatus: 422 });
      await expect(createTrigger(t.app, { storeId, ...base, localStateId: 42 })).rejects.toMatchObject({ code: 'LOCAL_STATE_NOT_FOUND', message: expect.stringContaining('local order state 42') });
      await expect(createTrigger(t.app, { storeId, eventType: 'shipping_status_changed', localStateId: 7, platformStateId: 4 })).rejects.toMatchObject({ code: 'LOCAL_STATE_NOT_FOUND', message: expect.stringContaining('shipping state 7') });
      await expect(createTrigger(t.app, { storeId, ...base, platformStateId: 20 })).rejects.toMatchObject({ code: 'PLATFORM_STATE_OTHER_STORE', message: expect.stringContaining('secondo') });
      await expect(createTrigger(t.app, { storeId, ...base, platformStateId: 77 })).rejects.toMatchObject({ code: 'PLATFORM_STATE_NOT_FOUND', hint: expect.stringContaining(`states list --store ${storeId}`) });
      // State 14 of the seeded shop is deleted on the platform.
      await expect(createTrigger(t.app, { storeId, ...base, platformStateId: 14 })).rejects.toMatchObject({ code: 'PLATFORM_STATE_FLAGGED', message: expect.stringContaining('deleted') });
      // The same mapping in the other store is fine: uniqueness is per store.
      await createTrigger(t.app, { storeId: secondId, ...base, platformStateId: 20 });
      const first = await createTrigger(t.app, { storeId, ...base });
      await expect(createTrigger(t.app, { storeId, ...base, platformStateId: 4 })).rejects.toMatchObject({
        code: 'TRIGGER_DUPLICATE', httpStatus: 409, message: expect.stringContaining(`trigger #${first.id_trigger}`),
      });
      // An inactive twin is allowed, but cannot be enabled while the first is active.
      const twin = await createTrigger(t.app, { storeId, ...base, platformStateId: 4, active: false });
      expect(twin.is_active).toBe(false);
      await expect(setTriggerActive(t.app, twin.id_trigger, true)).rejects.toMatchObject({ code: 'TRIGGER_DUPLICATE', message: expect.stringContaining(`#${first.id_trigger}`) });
      await setTriggerActive(t.app, first.id_trigger, false);
      expect((await setTriggerActive(t.app, twin.id_trigger, true)).is_active).toBe(true);
      await expect(getTrigger(t.app, 999)).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
    });

    it('maps a unique index violation (a concurrent insert) to the same conflict', async () => {
      const { t, storeId } = await setup(dialect);
      const first = await createTrigger(t.app, { storeId, ...base });
      // A row written behind the service's back (another process, raw SQL): the unique index refuses it,
      // and the error is recognised on every dialect so that the service can answer TRIGGER_DUPLICATE.
      const error = await t.app.db.insertInto('platform_state_triggers').values({
        event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: 3, id_state_platform: first.id_state_platform, is_active: 1,
      }).execute().catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      expect(isUniqueViolation(new Error('other'))).toBe(false);
    });

    it('enable refuses a trigger whose platform state was deleted since; remove deletes it', async () => {
      const { t, storeId } = await setup(dialect);
      const trigger = await createTrigger(t.app, { storeId, ...base, active: false });
      t.sandbox!.shop.deleteState(3);
      const report = await pullStates(t.app, { storeId });
      expect(report.stores[0]!.flagged).toBe(1);
      await expect(setTriggerActive(t.app, trigger.id_trigger, true)).rejects.toMatchObject({ code: 'PLATFORM_STATE_FLAGGED' });
      expect((await getTrigger(t.app, trigger.id_trigger)).platform_state_flag).toBe('deleted');
      expect((await removeTrigger(t.app, trigger.id_trigger)).id_trigger).toBe(trigger.id_trigger);
      expect(await listTriggers(t.app)).toEqual([]);
    });

    it("the spec's SQL-created trigger is listed and would fire for an order of its store", async () => {
      const { t, storeId } = await setup(dialect);
      expect(storeId).toBe(1);
      const { sql } = await import('kysely');
      await sql`INSERT INTO platform_state_triggers 
  (event_type, id_store, state_type, id_state_local, id_state_platform, is_active)
VALUES 
  ('order_status_changed', 1, 'order_state', 3, 3, 1);`.execute(t.app.db);
      const [trigger] = await listTriggers(t.app);
      expect(trigger).toMatchObject({ event_type: 'order_status_changed', id_store: 1, state_type: 'order_state', id_state_local: 3, id_state_platform: 3, is_active: true, send_email: null, local_state_name: 'In preparazione' });
      // Local id 3 of this fresh database is PrestaShop state 3 (pulled in id order).
      expect(trigger!.platform_state_id).toBe(3);

      await t.app.db.insertInto('orders').values({ id_origin: 2, id_platform: 1, id_store: 1, id_order_state: 1, reference: 'ABCD1234' }).execute();
      const order = await t.app.db.selectFrom('orders').select('id_order').where('id_origin', '=', 2).executeTakeFirstOrThrow();
      const mark = t.sandbox!.requests.length;
      const result = await testTrigger(t.app, order.id_order, 3);
      expect(result.would_fire).toBe(true);
      expect(result.trigger?.id_trigger).toBe(trigger!.id_trigger);
      expect(result.event).toEqual({ event_type: 'ORDER_STATUS_CHANGED', data: { order_id: order.id_order, old_state_id: 1, new_state_id: 3, id_platform: 1 } });
      expect(result.platform_call).toMatchObject({ method: 'POST', url: `${t.sandbox!.url}/api/order_histories`, send_email: false, id_origin: 2, id_platform_state: 3 });
      expect(result.platform_call!.body).toContain('<id_order>2</id_order>');
      expect(result.platform_call!.body).toContain('<id_order_state>3</id_order_state>');
      // A dry run: nothing reached the shop.
      expect(t.sandbox!.requests.length).toBe(mark);

      const none = await testTrigger(t.app, order.id_order, 4);
      expect(none).toMatchObject({ would_fire: false, trigger: null, reason: `Nessun trigger trovato per order_id=${order.id_order}, state_id=4, store=1` });
      await expect(testTrigger(t.app, 999, 3)).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
      await expect(testTrigger(t.app, order.id_order, 99)).rejects.toMatchObject({ code: 'LOCAL_STATE_NOT_FOUND' });
    });
  });
}
