import { chunks } from '../chunks.js';
import type { Insertable } from 'kysely';
import type { Config } from '../config/config-types.js';
import type { SyncJobsTable } from '../db/database-types.js';
import { insertSyncJob, newestJobIds, supersedeOpenJobs, type Db, type LaterChange } from './sync-job-repository.js';
import { resolveSendEmail, TRIGGER_KINDS, unusableTargetReason, type TriggerKind, type TriggerTarget } from './trigger-target.js';

export interface OrderForSync {
  id_order: number;
  id_store: number;
  id_origin: number;
}

export interface JobRequest {
  order: OrderForSync;
  kind: TriggerKind;
  localStateId: number;
  target: TriggerTarget;
  /** stores.send_email of the order's store. */
  storeSendEmail: number | null;
}

/**
 * The row of a new job. A target that must not be pushed (deleted or vanished platform state,
 * another store's state) is recorded as a failed job with the reason, so the change is visible
 * in `sync list` instead of silently not syncing.
 */
export function newJobValues(request: JobRequest, config: Pick<Config, 'sync'>, now: number): Insertable<SyncJobsTable> {
  const unusable = unusableTargetReason(request.target);
  return {
    id_order: request.order.id_order,
    id_store: request.order.id_store,
    id_trigger: request.target.id_trigger,
    event_type: TRIGGER_KINDS[request.kind].eventType,
    id_state_local: request.localStateId,
    id_ecommerce_order_state: request.target.id_ecommerce_order_state,
    id_platform_state: request.target.id_platform_state,
    id_origin: request.order.id_origin,
    send_email: resolveSendEmail(request.target, request.storeSendEmail, config) ? 1 : 0,
    status: unusable === null ? 'pending' : 'failed',
    attempts: 0,
    runs: 0,
    in_doubt: 0,
    next_attempt_at: now,
    last_error: unusable === null ? null : `not pushed: ${unusable}; fix the trigger (ecom-sync triggers) or pull the states again`,
    created_at: now,
    updated_at: now,
  };
}

function laterChange(request: JobRequest): LaterChange {
  return { id_order: request.order.id_order, state: request.localStateId, kind: request.kind };
}

/** Inside the status transaction: supersede the order's older jobs and add the new one. */
export async function enqueueSyncJob(trx: Db, request: JobRequest, config: Pick<Config, 'sync'>, now: number): Promise<{ id_sync_job: number; status: string; last_error: string | null }> {
  await supersedeOpenJobs(trx, [laterChange(request)], now);
  const values = newJobValues(request, config, now);
  const id = await insertSyncJob(trx, values);
  return { id_sync_job: id, status: values.status, last_error: values.last_error ?? null };
}

/**
 * Bulk form: one supersede and multi-row inserts per batch, no query per order. Returns the new
 * jobs' ids in increasing order, so that the caller delivers exactly these jobs.
 */
export async function enqueueSyncJobs(trx: Db, requests: readonly JobRequest[], config: Pick<Config, 'sync'>, now: number): Promise<number[]> {
  if (requests.length === 0) return [];
  await supersedeOpenJobs(trx, requests.map(laterChange), now);
  const rows = requests.map((r) => newJobValues(r, config, now));
  // 20 columns a row: 200 rows stay far below every driver's bind-parameter limit.
  for (const part of chunks(rows, 200)) await trx.insertInto('sync_jobs').values(part).execute();
  // MySQL has no INSERT … RETURNING; the newest job of each order is the one just inserted (the
  // status change holds the orders' rows, so no other change of them inserts meanwhile).
  return newestJobIds(trx, [...new Set(requests.map((r) => r.order.id_order))]);
}
