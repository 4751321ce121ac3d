import type { App } from '../app-types.js';
import { fail } from '../errors.js';
import { findStoreById } from '../stores/store-repository.js';
import { noTriggerMessage } from '../sync/enqueue-for-change.js';
import { previewPortPush } from '../sync/port-push-preview.js';
import { resolveSendEmail } from '../sync/trigger-target.js';
import { findActiveTrigger } from './trigger-repository.js';
import { stateTypeFor, type TriggerEventType, type TriggerView } from './trigger-types.js';
import { checkEventAndStateType, checkLocalState } from './trigger-validation.js';

export interface TriggerTestResult {
  order: { id_order: number; id_origin: number | null; id_store: number | null; reference: string | null; id_order_state: number };
  event_type: TriggerEventType;
  state_type: string;
  new_state: { id: number; name: string };
  /** The event the change would emit, with the spec's data shape. */
  event: { event_type: 'ORDER_STATUS_CHANGED' | 'SHIPPING_STATUS_CHANGED'; data: { order_id: number; old_state_id: number | null; new_state_id: number; id_platform: number | null } };
  trigger: TriggerView | null;
  would_fire: boolean;
  /** Why nothing would be sent, when would_fire is false. */
  reason: string | null;
  platform_call: { method: string; url: string; body: string; send_email: boolean; id_origin: number; id_platform_state: number } | null;
}

/**
 * What a state change of an order would do on the platform side — which trigger matches and the
 * exact request — without changing anything locally or remotely.
 */
export async function testTrigger(app: App, orderId: number, state: number, options: { eventType?: TriggerEventType } = {}): Promise<TriggerTestResult> {
  const { eventType, stateType, kind } = checkEventAndStateType(options.eventType ?? 'order_status_changed', undefined);
  const order = await app.db.selectFrom('orders')
    .select(['id_order', 'id_origin', 'id_store', 'id_platform', 'reference', 'id_order_state', 'id_shipping'])
    .where('id_order', '=', orderId)
    .executeTakeFirst();
  if (!order) throw fail('ORDER_NOT_FOUND', { id: orderId });
  const stateName = await checkLocalState(app.db, stateType, state);

  let oldState: number | null = order.id_order_state;
  if (eventType === 'shipping_status_changed') {
    const shipment = order.id_shipping === null ? undefined
      : await app.db.selectFrom('shipments').select('id_shipping_state').where('id_shipping', '=', order.id_shipping).executeTakeFirst();
    oldState = shipment?.id_shipping_state ?? null;
  }
  const result: TriggerTestResult = {
    order: { id_order: order.id_order, id_origin: order.id_origin, id_store: order.id_store, reference: order.reference, id_order_state: order.id_order_state },
    event_type: eventType,
    state_type: stateTypeFor(eventType),
    new_state: { id: state, name: stateName },
    event: {
      event_type: eventType === 'order_status_changed' ? 'ORDER_STATUS_CHANGED' : 'SHIPPING_STATUS_CHANGED',
      data: { order_id: order.id_order, old_state_id: oldState, new_state_id: state, id_platform: order.id_platform },
    },
    trigger: null,
    would_fire: false,
    reason: null,
    platform_call: null,
  };
  if (order.id_store === null) {
    result.reason = `order ${orderId} belongs to no store: nothing is sent to a platform`;
    return result;
  }
  const trigger = await findActiveTrigger(app.db, { storeId: order.id_store, kind, localStateId: state });
  if (!trigger) {
    // The spec's own wording, as the sync handler logs it.
    result.reason = noTriggerMessage(orderId, state, order.id_store);
    return result;
  }
  result.trigger = trigger;
  const store = await findStoreById(app.db, order.id_store);
  const problems: string[] = [];
  if (!app.config.plugins.platform_state_sync.enabled) problems.push('the platform_state_sync plugin is disabled (plugins.platform_state_sync.enabled)');
  if (store && store.is_active === 0) problems.push(`store ${store.name} (#${store.id_store}) is inactive`);
  if (order.id_origin === null) problems.push(`order ${orderId} has no platform id (id_origin)`);
  if (trigger.platform_state_id === null || trigger.platform_state_store !== order.id_store) problems.push(`trigger #${trigger.id_trigger} points to a platform state that is not in this store's catalogue`);
  if (trigger.platform_state_flag) problems.push(`platform state ${trigger.platform_state_id} is ${trigger.platform_state_flag === 'deleted' ? 'deleted on the platform' : 'no longer listed by the platform'}`);
  if (store && order.id_origin !== null && trigger.platform_state_id !== null) {
    const sendEmail = resolveSendEmail(trigger.send_email, store.send_email, app.config.sync);
    const preview = await previewPortPush(app, store, { id_order: order.id_order, id_origin: order.id_origin }, { id_ecommerce_order_state: trigger.id_state_platform, id_platform_state: trigger.platform_state_id }, sendEmail);
    result.platform_call = { ...preview, id_origin: order.id_origin, id_platform_state: trigger.platform_state_id };
  }
  result.would_fire = problems.length === 0;
  result.reason = problems.length === 0 ? null : problems.join('; ');
  return result;
}
