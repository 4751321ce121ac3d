/** Durable sync jobs: enqueue inside the status transaction (the one sync port), claim under a lease, deliver, retry. */
export { deliverDueJobs, type DeliverOptions, type DeliverSummary } from './deliver-due-jobs.js';
export { retryJobs, type RetryJobsOptions, type RetryJobsResult } from './retry-jobs.js';
export { releaseLeases } from './release-leases.js';
export { claimJobs, supersedeStaleJobs, type ClaimOptions } from './claim-jobs.js';
export { enqueueForChange, enqueueForChanges, type ChangeSync, type ChangeToSync, type EnqueueOptions } from './enqueue-for-change.js';
export { countJobsByStatus, type ListJobsOptions, type SyncJobRow } from './sync-job-repository.js';
export { findJob, getJob, listJobs } from './list-jobs.js';
export { findTriggerTarget, loadTriggerTargets, TRIGGER_KINDS, type TriggerKind, type TriggerTarget } from './trigger-target.js';
export type { JobOutcome } from './deliver-job.js';
