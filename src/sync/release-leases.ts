import type { SyncDeps } from './sync-deps.js';
import type { JobLease } from './job-lease.js';

/**
 * Claimed jobs go back to the queue at once instead of waiting for their leases to expire: this
 * process's jobs on a graceful shutdown, or the given claims (jobs a stopped pass never started).
 * `in_doubt` is kept, so a POST that may have left is read back before any new one.
 */
export async function releaseLeases(app: SyncDeps, leases?: readonly JobLease[]): Promise<number> {
  if (leases !== undefined && leases.length === 0) return 0;
  const now = app.clock.now();
  const release = { status: 'pending' as const, lease_owner: null, lease_token: null, lease_until: null, next_attempt_at: now, updated_at: now };
  if (leases === undefined) {
    const result = await app.db.updateTable('sync_jobs').set(release)
      .where('lease_owner', '=', app.processId).where('status', '=', 'running').executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
  let released = 0;
  // Grouped by claim token: one fenced UPDATE per claim batch, not per job.
  const byToken = new Map<string, number[]>();
  for (const lease of leases) byToken.set(lease.token, [...(byToken.get(lease.token) ?? []), lease.id_sync_job]);
  for (const [token, ids] of byToken) {
    const result = await app.db.updateTable('sync_jobs').set(release)
      .where('lease_owner', '=', app.processId).where('lease_token', '=', token).where('status', '=', 'running')
      .where('id_sync_job', 'in', ids).executeTakeFirst();
    released += Number(result.numUpdatedRows);
  }
  return released;
}
