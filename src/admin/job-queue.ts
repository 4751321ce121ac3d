import type { Kysely } from 'kysely';
import type { App } from '../app-types.js';
import type { Database, SyncJobStatus } from '../db/database-types.js';
import { ConflictError } from '../errors.js';
import { selectJobOrThrow } from '../sync/sync-job-repository.js';
import { isoFromEpochMs } from '../dates/iso-date.js';

type Db = Kysely<Database>;

export interface QueueFilter {
  status?: SyncJobStatus;
  storeId?: number;
  orderId?: number;
  /** Exactly these jobs (the progress of a retry). */
  ids?: number[];
  limit?: number;
}

/** Jobs newest first, with the names the queue page shows (store, order reference, states). */
export async function listQueue(db: Db, filter: QueueFilter) {
  let query = db.selectFrom('sync_jobs as j')
    .leftJoin('stores', 'stores.id_store', 'j.id_store')
    .leftJoin('orders', 'orders.id_order', 'j.id_order')
    .leftJoin('order_states', 'order_states.id_order_state', 'j.id_state_local')
    .leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'j.id_ecommerce_order_state')
    .select([
      'j.id_sync_job', 'j.id_order', 'orders.reference', 'j.id_store', 'stores.name as store_name', 'j.event_type', 'j.status',
      'j.id_state_local', 'order_states.name as local_state_name', 'j.id_platform_state', 'e.name as platform_state_name',
      'j.attempts', 'j.runs', 'j.in_doubt', 'j.last_error', 'j.last_http_status', 'j.next_attempt_at', 'j.created_at', 'j.updated_at', 'j.done_at',
    ])
    .orderBy('j.id_sync_job', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.status !== undefined) query = query.where('j.status', '=', filter.status);
  if (filter.storeId !== undefined) query = query.where('j.id_store', '=', filter.storeId);
  if (filter.orderId !== undefined) query = query.where('j.id_order', '=', filter.orderId);
  if (filter.ids !== undefined) query = query.where('j.id_sync_job', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r, in_doubt: Number(r.in_doubt) === 1,
    next_attempt_at: isoFromEpochMs(Number(r.next_attempt_at)), created_at: isoFromEpochMs(Number(r.created_at)),
    updated_at: isoFromEpochMs(Number(r.updated_at)), done_at: r.done_at === null ? null : isoFromEpochMs(Number(r.done_at)),
  }));
}

/**
 * Withdraws a job that has not reached the platform: pending or failed. A running job is in flight
 * (its outcome decides), a finished one has nothing left to cancel.
 */
export async function cancelJob(app: App, id: number): Promise<{ id_sync_job: number; status: 'cancelled' }> {
  const job = await selectJobOrThrow(app.db, id);
  const now = app.clock.now();
  const result = await app.db.updateTable('sync_jobs').set({ status: 'cancelled', updated_at: now, lease_owner: null, lease_until: null })
    .where('id_sync_job', '=', id).where('status', 'in', ['pending', 'failed']).where('in_doubt', '=', 0).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const current = await selectJobOrThrow(app.db, id);
    const why = current.in_doubt === 1 && (current.status === 'pending' || current.status === 'failed')
      ? 'its last write has an unknown outcome; retry it so that the platform is read first'
      : `it is ${current.status}; only pending or failed jobs can be cancelled`;
    throw new ConflictError('SYNC_JOB_NOT_CANCELLABLE', `sync job ${id} cannot be cancelled: ${why}`, { hint: `It was ${job.status} when asked.` });
  }
  return { id_sync_job: id, status: 'cancelled' };
}
