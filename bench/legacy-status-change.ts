import type { App } from '../src/app-types.js';
import { toDbTimestamp } from '../src/db/dialect.js';
import { EventType } from '../src/events/event-types.js';

export interface StatusChange {
  id_order: number;
  id_order_state: number;
}

/**
 * The reference design the bulk path is measured against: what the earlier implementation did for
 * each order of a bulk request — its own transaction (select the order, update its state, insert
 * the history row, look up the trigger), a commit, then one event on the bus.
 */
export async function legacyBulkStatusChange(app: App, changes: readonly StatusChange[]): Promise<number> {
  let changed = 0;
  for (const change of changes) {
    const now = toDbTimestamp(new Date(app.clock.now()));
    const outcome = await app.db.transaction().execute(async (trx) => {
      const order = await trx
        .selectFrom('orders')
        .select(['id_order', 'id_order_state', 'id_store', 'id_platform'])
        .where('id_order', '=', change.id_order)
        .executeTakeFirst();
      if (!order || order.id_order_state === change.id_order_state) return null;
      await trx.updateTable('orders').set({ id_order_state: change.id_order_state, date_upd: now }).where('id_order', '=', order.id_order).execute();
      await trx.insertInto('orders_history').values({ id_order: order.id_order, id_order_state: change.id_order_state, date_add: now }).execute();
      await trx
        .selectFrom('platform_state_triggers')
        .select(['id_trigger', 'id_state_platform'])
        .where('event_type', '=', 'order_status_changed')
        .where('id_store', '=', order.id_store ?? 0)
        .where('state_type', '=', 'order_state')
        .where('id_state_local', '=', change.id_order_state)
        .where('is_active', '=', 1)
        .executeTakeFirst();
      return order;
    });
    if (!outcome) continue;
    await app.bus.emit({
      event_type: EventType.ORDER_STATUS_CHANGED,
      data: { order_id: outcome.id_order, old_state_id: outcome.id_order_state, new_state_id: change.id_order_state, id_platform: outcome.id_platform },
    });
    changed++;
  }
  return changed;
}
