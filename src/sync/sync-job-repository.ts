import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SyncJobStatus, SyncJobsTable } from '../db/database-types.js';
import { insertReturningId } from '../db/insert-returning-id.js';
import { NotFoundError } from '../errors.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type SyncJobRow = Selectable<SyncJobsTable>;

/** Jobs that may still reach the platform. */
export const OPEN_STATUSES: SyncJobStatus[] = ['pending', 'running', 'failed'];

/** Inserts one job and returns its id (PostgreSQL reports ids only through RETURNING). */
export async function insertSyncJob(db: Db, values: Insertable<SyncJobsTable>): Promise<number> {
  return insertReturningId(db, 'sync_jobs', 'id_sync_job', values);
}

/**
 * Latest wins: a newer change makes the order's older undelivered jobs pointless. Running jobs are
 * left alone (they are in flight); the claim query keeps the newer job waiting until they end.
 */
export async function supersedeOpenJobs(db: Db, orderIds: readonly number[], now: number): Promise<number> {
  if (orderIds.length === 0) return 0;
  const result = await db.updateTable('sync_jobs')
    .set({ status: 'superseded', updated_at: now, next_attempt_at: now })
    .where('id_order', 'in', orderIds as number[])
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function selectJob(db: Db, id: number): Promise<SyncJobRow | undefined> {
  return db.selectFrom('sync_jobs').selectAll().where('id_sync_job', '=', id).executeTakeFirst();
}

export async function selectJobOrThrow(db: Db, id: number): Promise<SyncJobRow> {
  const job = await selectJob(db, id);
  if (!job) throw new NotFoundError('SYNC_JOB_NOT_FOUND', `sync job ${id} does not exist`, { hint: 'Run `ecom-sync sync list` to see the jobs.' });
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
