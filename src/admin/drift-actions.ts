import type { App } from '../app-types.js';
import { ConflictError } from '../errors.js';
import { setOrderStatus } from '../orders/set-order-status.js';
import { enqueueForChange } from '../sync/enqueue-for-change.js';
import { findDrift, type DriftRow } from './order-drift.js';

async function driftOrThrow(app: App, orderId: number): Promise<DriftRow> {
  const drift = await findDrift(app.db, orderId);
  if (!drift) {
    throw new ConflictError('ORDER_NOT_IN_DRIFT', `order ${orderId} is not in drift: its platform state is the one its local state maps to, or a push is on its way`);
  }
  return drift;
}

/**
 * "Push local": a sync job to the state the local state maps to, written like any change's job
 * (older open jobs of the order superseded); the daemon's worker delivers it.
 */
export async function pushLocalState(app: App, orderId: number): Promise<{ id_order: number; id_sync_job: number; status: string; last_error: string | null }> {
  const drift = await driftOrThrow(app, orderId);
  const now = app.clock.now();
  const job = await app.db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').select(['id_order', 'id_store', 'id_origin', 'id_order_state']).where('id_order', '=', orderId).executeTakeFirstOrThrow();
    const synced = await enqueueForChange(trx, {
      order: { id_order: orderId, id_store: drift.id_store, id_origin: order.id_origin }, kind: 'order', localStateId: order.id_order_state,
    }, { config: app.config, now, push: true });
    // Thrown inside the transaction: whatever the port wrote (a supersede) is rolled back.
    if (synced.outcome !== 'queued') {
      throw new ConflictError('ORDER_NOT_IN_DRIFT', `order ${orderId} changed meanwhile: no active trigger maps its local state ${order.id_order_state}`);
    }
    return { id_sync_job: synced.id_sync_job, status: synced.status, last_error: synced.last_error };
  });
  return { id_order: orderId, ...job };
}

/**
 * "Accept platform": the local state becomes the one whose trigger targets the platform's state;
 * recorded in the history without a push (the platform already shows it).
 */
export async function acceptPlatformState(app: App, orderId: number): Promise<object> {
  const drift = await driftOrThrow(app, orderId);
  if (!drift.accept_state) {
    throw new ConflictError('NO_LOCAL_STATE_FOR_PLATFORM_STATE', `no active trigger maps a local state to the platform state "${drift.platform_state.name}" (${drift.platform_state.id_platform_state}) of store ${drift.store_name}`);
  }
  return setOrderStatus(app, { orderId, state: drift.accept_state.id_order_state, sync: false });
}
