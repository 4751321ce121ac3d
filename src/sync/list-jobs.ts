import type { SyncDeps } from './sync-deps.js';
import { selectJob, selectJobOrThrow, selectJobs, type ListJobsOptions, type SyncJobRow } from './sync-job-repository.js';

export async function listJobs(app: SyncDeps, options: ListJobsOptions = {}): Promise<SyncJobRow[]> {
  return selectJobs(app.db, options);
}

export async function findJob(app: SyncDeps, id: number): Promise<SyncJobRow | undefined> {
  return selectJob(app.db, id);
}

/** Throws SYNC_JOB_NOT_FOUND (exit 2, HTTP 404). */
export async function getJob(app: SyncDeps, id: number): Promise<SyncJobRow> {
  return selectJobOrThrow(app.db, id);
}
