import { chunks } from '../chunks.js';
import type { SyncDeps } from './sync-deps.js';
import { NotFoundError } from '../errors.js';

export interface RetryJobsOptions {
  ids?: readonly number[];
  /** Every failed job. */
  failed?: boolean;
}

export interface RetryJobsResult {
  /** Jobs put back in the queue, due now. */
  requeued: number[];
  /** Named jobs that cannot be retried (done, superseded, running), with their status. */
  skipped: Array<{ id_sync_job: number; status: string }>;
}

/**
 * Puts failed (or waiting) jobs back in the queue, due now, with a fresh run count. A job whose
 * order has a newer job is not revived: the newer change is what the platform must show.
 */
export async function retryJobs(app: SyncDeps, options: RetryJobsOptions): Promise<RetryJobsResult> {
  const now = app.clock.now();
  const result: RetryJobsResult = { requeued: [], skipped: [] };
  const ids = [...new Set(options.ids ?? [])];
  if (ids.length > 0) {
    const rows = await app.db.selectFrom('sync_jobs').select(['id_sync_job', 'status']).where('id_sync_job', 'in', ids).execute();
    const found = new Set(rows.map((r) => r.id_sync_job));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new NotFoundError('SYNC_JOB_NOT_FOUND', `sync job${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist`);
    }
    for (const row of rows) {
      if (row.status === 'failed' || row.status === 'pending') result.requeued.push(row.id_sync_job);
      else result.skipped.push(row);
    }
  }
  if (options.failed === true) {
    const rows = await app.db.selectFrom('sync_jobs').select('id_sync_job').where('status', '=', 'failed').execute();
    const requeued = new Set(result.requeued);
    for (const row of rows) if (!requeued.has(row.id_sync_job)) result.requeued.push(row.id_sync_job);
  }
  for (const part of chunks(result.requeued, 500)) {
    await app.db.updateTable('sync_jobs')
      .set({ status: 'pending', runs: 0, next_attempt_at: now, updated_at: now })
      .where('id_sync_job', 'in', part)
      .where('status', 'in', ['failed', 'pending'])
      .execute();
  }
  return result;
}
