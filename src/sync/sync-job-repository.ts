import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SyncJobStatus, SyncJobsTable } from '../db/database-types.js';
import { insertReturningId } from '../db/insert-returning-id.js';
import { chunks } from '../chunks.js';
import { fail } from '../errors.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type SyncJobRow = Selectable<SyncJobsTable>;

/** Jobs that may still reach the platform. */
export const OPEN_STATUSES: SyncJobStatus[] = ['pending', 'running', 'failed'];

/** Inserts one job and returns its id (PostgreSQL reports ids only through RETURNING). */
export async function insertSyncJob(db: Db, values: Insertable<SyncJobsTable>): Promise<number> {
  return insertReturningId(db, 'sync_jobs', 'id_sync_job', values);
}

/** A later change of an order: its new local state (for the reason in the sync log). */
export interface LaterChange {
  id_order: number;
  state: number;
  kind: 'order' | 'shipping';
}

/**
 * Latest wins: any newer change of an order — with a trigger or not — makes its older undelivered
 * jobs pointless; each superseded job gets the reason in the sync log. Running jobs are left alone
 * (they are in flight); the claim query keeps a newer job waiting until they end.
 */
export async function supersedeOpenJobs(db: Db, changes: readonly LaterChange[], now: number): Promise<number> {
  if (changes.length === 0) return 0;
  const byOrder = new Map(changes.map((c) => [c.id_order, c]));
  let superseded = 0;
  for (const orderIds of chunks([...byOrder.keys()], 500)) {
    const open = await db.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'id_store', 'id_platform_state'])
      .where('id_order', 'in', orderIds).where('status', 'in', ['pending', 'failed']).execute();
    if (open.length === 0) continue;
    for (const ids of chunks(open.map((j) => j.id_sync_job), 500)) {
      const result = await db.updateTable('sync_jobs')
        .set({ status: 'superseded', updated_at: now, next_attempt_at: now })
        .where('id_sync_job', 'in', ids)
        .where('status', 'in', ['pending', 'failed'])
        .executeTakeFirst();
      superseded += Number(result.numUpdatedRows);
    }
    for (const part of chunks(open, 200)) {
      await db.insertInto('sync_log').values(part.map((job) => {
        const change = byOrder.get(job.id_order)!;
        return {
          id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'info', created_at: now,
          message: `superseded: order ${job.id_order} changed again (${change.kind === 'order' ? 'state' : 'shipping state'} ${change.state}) before platform state ${job.id_platform_state} was pushed; the latest change wins`,
        };
      })).execute();
    }
  }
  return superseded;
}

/** The id of each order's newest job, by order. */
export async function newestJobIdByOrder(db: Db, orderIds: readonly number[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const part of chunks([...new Set(orderIds)], 500)) {
    const rows = await db.selectFrom('sync_jobs').select(['id_order', (eb) => eb.fn.max('id_sync_job').as('id')])
      .where('id_order', 'in', part).groupBy('id_order').execute();
    for (const row of rows) ids.set(row.id_order, Number(row.id));
  }
  return ids;
}

/** The newest open (pending or running) job of an order towards a platform state, if any. */
export async function findOpenJobTo(db: Db, orderId: number, ecommerceStateId: number): Promise<number | undefined> {
  const open = await db.selectFrom('sync_jobs').select('id_sync_job')
    .where('id_order', '=', orderId).where('id_ecommerce_order_state', '=', ecommerceStateId)
    .where('status', 'in', ['pending', 'running']).orderBy('id_sync_job', 'desc').executeTakeFirst();
  return open?.id_sync_job;
}

export async function selectJob(db: Db, id: number): Promise<SyncJobRow | undefined> {
  return db.selectFrom('sync_jobs').selectAll().where('id_sync_job', '=', id).executeTakeFirst();
}

export async function selectJobOrThrow(db: Db, id: number): Promise<SyncJobRow> {
  const job = await selectJob(db, id);
  if (!job) throw fail('SYNC_JOB_NOT_FOUND', { id });
  return job;
}

export interface ListJobsOptions {
  status?: SyncJobStatus;
  orderId?: number;
  limit?: number;
}

/** Newest first. */
export async function selectJobs(db: Db, options: ListJobsOptions = {}): Promise<SyncJobRow[]> {
  let query = db.selectFrom('sync_jobs').selectAll().orderBy('id_sync_job', 'desc').limit(options.limit ?? 50);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  if (options.orderId !== undefined) query = query.where('id_order', '=', options.orderId);
  return query.execute();
}

export async function countJobsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('sync_jobs').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
