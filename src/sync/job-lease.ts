import type { Updateable } from 'kysely';
import type { SyncDeps } from './sync-deps.js';
import type { SyncJobsTable } from '../db/database-types.js';
import type { Db } from './sync-job-repository.js';

/** The claim a worker holds on one job: its process and the claim's own token. */
export interface JobLease {
  id_sync_job: number;
  owner: string;
  token: string;
}

export function leaseOf(job: { id_sync_job: number; lease_owner: string | null; lease_token: string | null }): JobLease {
  return { id_sync_job: job.id_sync_job, owner: job.lease_owner ?? '', token: job.lease_token ?? '' };
}

/**
 * A write to a held job, fenced: it applies only while the job is still running under this very
 * claim. A worker whose lease lapsed and was taken over (by another process, or by its own in a
 * later claim) matches nothing and changes nothing. Returns whether the lease was still held.
 */
export async function writeFenced(db: Db, lease: JobLease, values: Updateable<SyncJobsTable>): Promise<boolean> {
  const result = await db.updateTable('sync_jobs').set(values)
    .where('id_sync_job', '=', lease.id_sync_job)
    .where('lease_owner', '=', lease.owner)
    .where('lease_token', '=', lease.token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Thrown inside a delivery when its lease is gone: the job belongs to someone else now. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: number) {
    super(`sync job ${jobId}: lease lost (taken over by another worker); stopped without writing`);
    this.name = 'LeaseLostError';
  }
}

export interface Heartbeat {
  /** Aborted when a renewal found the lease gone. */
  readonly lost: AbortSignal;
  stop(): void;
}

/**
 * Renews the lease every `sync.heartbeat_ms` while the job is worked on, so a slow platform never
 * lets it lapse and a dead worker's lease runs out within `sync.lease_ms`. Real timers (unref'd):
 * the cadence is wall time even under a test clock; the lease times come from app.clock.
 */
export function startHeartbeat(app: SyncDeps, lease: JobLease): Heartbeat {
  const controller = new AbortController();
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing || controller.signal.aborted) return;
    renewing = true;
    const now = app.clock.now();
    writeFenced(app.db, lease, { lease_until: now + app.config.sync.lease_ms })
      .then((held) => {
        if (!held) controller.abort(new LeaseLostError(lease.id_sync_job));
      })
      // The database may be away for a moment: the next beat tries again, and the fenced writes
      // of the delivery notice if the lease lapsed meanwhile.
      .catch((error: unknown) => app.logger.warn(`sync job ${lease.id_sync_job}: lease renewal failed (${error instanceof Error ? error.message : String(error)})`))
      .finally(() => { renewing = false; });
  }, Math.max(50, app.config.sync.heartbeat_ms));
  timer.unref();
  return {
    lost: controller.signal,
    stop: () => clearInterval(timer),
  };
}
