import type { App } from '../app.js';

/**
 * On a graceful shutdown: this process's claimed jobs go back to the queue at once instead of
 * waiting for their leases to expire. `in_doubt` is kept, so a POST that may have left is read
 * back before any new one.
 */
export async function releaseLeases(app: App, jobIds?: readonly number[]): Promise<number> {
  if (jobIds !== undefined && jobIds.length === 0) return 0;
  const now = app.clock.now();
  let query = app.db.updateTable('sync_jobs')
    .set({ status: 'pending', lease_owner: null, lease_until: null, next_attempt_at: now, updated_at: now })
    .where('lease_owner', '=', app.processId)
    .where('status', '=', 'running');
  if (jobIds !== undefined) query = query.where('id_sync_job', 'in', [...jobIds]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
