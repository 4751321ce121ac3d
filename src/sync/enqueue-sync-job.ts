import { chunks } from '../chunks.js';
import type { Insertable } from 'kysely';
import type { Config } from '../config/config-types.js';
import type { SyncJobsTable } from '../db/database-types.js';
import { insertSyncJob, newestJobIdByOrder, type Db } from './sync-job-repository.js';
import { resolveSendEmail, TRIGGER_KINDS, unusableTargetReason, type TriggerKind, type TriggerTarget } from './trigger-target.js';

/**
 * The rows of new sync jobs and their insertion. Only `enqueue-for-change.ts` calls this: it
 * decides whether a change gets a job (trigger, already there, open job, latest wins).
 */

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
    send_email: resolveSendEmail(request.target.trigger_send_email, request.storeSendEmail, config.sync) ? 1 : 0,
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

/**
 * Inserts the jobs (at most one per order) and returns each one's id, in the requests' order:
 * one row through RETURNING, several as multi-row inserts, no query per order.
 */
export async function insertJobs(trx: Db, requests: readonly JobRequest[], config: Pick<Config, 'sync'>, now: number): Promise<Array<{ id_sync_job: number; values: Insertable<SyncJobsTable> }>> {
  const rows = requests.map((r) => newJobValues(r, config, now));
  if (rows.length === 1) return [{ id_sync_job: await insertSyncJob(trx, rows[0]!), values: rows[0]! }];
  // 20 columns a row: 200 rows stay far below every driver's bind-parameter limit.
  for (const part of chunks(rows, 200)) await trx.insertInto('sync_jobs').values(part).execute();
  // MySQL has no INSERT … RETURNING; the newest job of each order is the one just inserted (the
  // status change holds the orders' rows, so no other change of them inserts meanwhile).
  const ids = await newestJobIdByOrder(trx, requests.map((r) => r.order.id_order));
  return rows.map((values) => ({ id_sync_job: ids.get(values.id_order)!, values }));
}
