import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';
import { fail } from '../errors.js';
import { isoFromEpochMs } from '../dates/iso-date.js';
import { readOrderDetail, type OrderDetail, type OrderHistoryEntry } from './order-queries.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * `orders show` and the admin order page: the spec's order detail (the same reader and shape as
 * `GET /api/v1/orders/{id}`), with on top of it the reason of each overriding history row, the
 * order's pushes to the platform (sync jobs) and its sync log. Dates: ISO 8601 with an offset.
 */
export interface OrderDetails extends Omit<OrderDetail, 'history'> {
  /** reason: why an admin overrode the transition rules with that change, else null. */
  history: Array<OrderHistoryEntry & { reason: string | null }>;
  sync_jobs: Array<{ id_sync_job: number; status: string; id_state_local: number; id_platform_state: number; platform_state_name: string | null; attempts: number; runs: number; last_error: string | null; created_at: string; done_at: string | null }>;
  sync_log: Array<{ id_sync_job: number | null; level: string; message: string; created_at: string }>;
}

export async function showOrder(db: Db, orderId: number): Promise<OrderDetails> {
  const read = await readOrderDetail(db, orderId);
  if (!read) throw fail('ORDER_NOT_FOUND', { id: orderId });
  const { detail, historyReasons } = read;
  const jobs = await db.selectFrom('sync_jobs').leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'sync_jobs.id_ecommerce_order_state')
    .select(['sync_jobs.id_sync_job', 'sync_jobs.status', 'sync_jobs.id_state_local', 'sync_jobs.id_platform_state', 'e.name as platform_state_name', 'sync_jobs.attempts', 'sync_jobs.runs', 'sync_jobs.last_error', 'sync_jobs.created_at', 'sync_jobs.done_at'])
    .where('sync_jobs.id_order', '=', orderId).orderBy('sync_jobs.id_sync_job').execute();
  const log = await db.selectFrom('sync_log').select(['id_sync_job', 'level', 'message', 'created_at']).where('id_order', '=', orderId).orderBy('id_sync_log').execute();
  return {
    ...detail,
    history: detail.history.map((h, i) => ({ ...h, reason: historyReasons[i] ?? null })),
    sync_jobs: jobs.map((j) => ({ ...j, platform_state_name: j.platform_state_name ?? null, created_at: isoFromEpochMs(Number(j.created_at)), done_at: j.done_at === null ? null : isoFromEpochMs(Number(j.done_at)) })),
    sync_log: log.map((entry) => ({ ...entry, created_at: isoFromEpochMs(Number(entry.created_at)) })),
  };
}
