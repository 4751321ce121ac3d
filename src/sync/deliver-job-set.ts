import type { SyncDeps } from './sync-deps.js';
import { deliverDueJobs, type DeliverOptions, type DeliverSummary } from './deliver-due-jobs.js';
import type { JobIdRanges } from './job-id-ranges.js';

/** Jobs per delivery call: the outcomes of one part only are held. */
const PART = 500;
/** As deliverDueJobs reports them: at most this many held jobs are listed. */
const MAX_HELD = 100;

export type JobSetSummary = Omit<DeliverSummary, 'outcomes'>;

/**
 * Delivers exactly the given jobs (a bulk change's own), never other due jobs of the database,
 * a part at a time so that memory stays flat however many jobs the set holds.
 */
export async function deliverJobSet(app: SyncDeps, jobs: JobIdRanges, options: Pick<DeliverOptions, 'signal' | 'onJob'> = {}): Promise<JobSetSummary> {
  const total: JobSetSummary = { delivered: 0, already_on_platform: 0, failed: 0, pending: 0, cancelled: 0, held_elsewhere: [] };
  // As id ranges (a BETWEEN each): a bulk's jobs are mostly consecutive, so a part is one range.
  for (const jobRanges of jobs.rangeParts(PART)) {
    if (options.signal?.aborted === true) break;
    const { outcomes: _outcomes, held_elsewhere: held, ...counts } = await deliverDueJobs(app, { ...options, jobRanges });
    total.delivered += counts.delivered;
    total.already_on_platform += counts.already_on_platform;
    total.failed += counts.failed;
    total.pending += counts.pending;
    total.cancelled += counts.cancelled;
    total.held_elsewhere.push(...held.slice(0, MAX_HELD - total.held_elsewhere.length));
  }
  return total;
}
