import { setMaxListeners } from 'node:events';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { SyncDeps } from './sync-deps.js';
import type { Database } from '../db/database-types.js';
import { EcomSyncError } from '../errors.js';
import { findStoreById } from '../stores/store-repository.js';
import { claimJobs, due, supersedeStaleJobs } from './claim-jobs.js';
import { deliverClaimedJob, type JobOutcome, type StoreDelivery } from './deliver-job.js';
import { loadLastKnownStates, loadTriggers, type DeliveryContext } from './delivery-context.js';
import { inJobRanges, type JobRangeList } from './job-id-ranges.js';
import { leaseOf } from './job-lease.js';
import { sweepStaleJobs } from './stale-job-sweep.js';
import { expireLeasesOfDeadOwners } from './lease-owner.js';
import { releaseLeases } from './release-leases.js';
import type { SyncJobRow } from './sync-job-repository.js';

export interface DeliverOptions {
  signal?: AbortSignal;
  /** Deliver at most this many jobs in this call (the daemon's worker takes bites). */
  limit?: number;
  /** Only these jobs (the in-process delivery right after a change). */
  jobIds?: readonly number[];
  /** Only the jobs in these id ranges, bounds included (a bulk change's own jobs). */
  jobRanges?: JobRangeList;
  /** Deliveries in flight at once per store; default sync.concurrency_per_store. */
  storeConcurrency?: number;
  /** Also take pending jobs whose retry time has not come yet (`ecom-sync sync run`). */
  ignoreBackoff?: boolean;
  /** Called after each job. */
  onJob?(outcome: JobOutcome): void;
}

export interface DeliverSummary {
  /** Jobs now done (pushed, or found already in the target state). */
  delivered: number;
  /** Of those, found already in the target state after an uncertain attempt. */
  already_on_platform: number;
  /** Failed for good (4xx, refused key, unusable target): `ecom-sync sync retry` after fixing the cause. */
  failed: number;
  /** Failed this time, kept for a later attempt (or the shop asked to wait). */
  pending: number;
  /** Cancelled at delivery: the trigger that queued them is disabled or gone. */
  cancelled: number;
  /** Jobs another live worker holds (running under its lease): not taken, not counted above. */
  held_elsewhere: HeldJob[];
  /** Outcomes per job, only when `jobIds` or `jobRanges` were given. */
  outcomes: JobOutcome[];
}

const POLL_MS = 50;

/** A job running under another worker's live lease. */
export interface HeldJob {
  id_sync_job: number;
  id_order: number;
  lease_owner: string | null;
  lease_until: number | null;
}

/**
 * Claims and delivers due jobs, store by store in parallel, with at most `storeConcurrency`
 * deliveries in flight per store (ARCHITECTURE.md step 3). Jobs are claimed in small batches under a
 * lease, so any number of processes can run this at once and memory stays flat however many
 * jobs are due.
 */
export async function deliverDueJobs(app: SyncDeps, options: DeliverOptions = {}): Promise<DeliverSummary> {
  const summary: DeliverSummary = { delivered: 0, already_on_platform: 0, failed: 0, pending: 0, cancelled: 0, held_elsewhere: [], outcomes: [] };
  const concurrency = Math.max(1, options.storeConcurrency ?? app.config.sync.concurrency_per_store);
  let budget = options.limit ?? Number.POSITIVE_INFINITY;
  const stores = new Map<number, StoreDelivery>();

  // Each job at most once per pass: due means due at the start of the pass, so a job that fails
  // during the pass (its next attempt moves forward) waits for the next pass.
  const passStart = app.clock.now();
  // Every delivery in flight listens to the caller's signal (request, retry wait, sleep).
  if (options.signal) setMaxListeners(Math.max(10, concurrency * 8), options.signal);
  // Given jobs: only their orders are looked at. A worker's pass: only when something can be stale.
  if (options.jobIds !== undefined || options.jobRanges !== undefined) await supersedeStaleJobs(app, options);
  else await sweepStaleJobs(app);
  // A dead process of this host holds nothing: its jobs are taken at once, not after their lease.
  await expireLeasesOfDeadOwners(app);
  // Asked for given jobs: then also wait for their end when another worker holds them (below).
  const chosen = options.jobIds !== undefined || options.jobRanges !== undefined;
  if (options.ignoreBackoff === true) await makeDueNow(app, passStart, options);
  // Triggers as they are now: a job re-resolves its target at delivery (re-mapped, disabled).
  const context: DeliveryContext = { triggers: await loadTriggers(app), lastKnownState: new Map() };
  for (;;) {
    const storeIds = await storesWithWork(app, options, passStart);
    await Promise.all(storeIds.map(async (storeId) => {
      const target = await storeDelivery(app, stores, storeId);
      if (target === null) return;
      // Claimed a few at a time for the store's workers to share: one claim per batch instead of
      // per job. The batch is small (two per worker), so a claimed job waits at most a couple of
      // round trips, far within its lease.
      const claimed: SyncJobRow[] = [];
      let exhausted = false;
      let refill: Promise<void> | null = null;
      const nextJob = async (): Promise<SyncJobRow | undefined> => {
        for (;;) {
          const job = claimed.shift();
          if (job !== undefined) return job;
          if (exhausted || budget <= 0 || options.signal?.aborted === true) return undefined;
          refill ??= claimJobs(app, {
            limit: Math.min(budget, concurrency * 2), storeId,
            ...(options.jobIds === undefined ? {} : { jobIds: options.jobIds }),
            ...(options.jobRanges === undefined ? {} : { jobRanges: options.jobRanges }),
            dueBy: passStart,
          }).then(async (jobs) => {
            budget -= jobs.length;
            if (jobs.length === 0) exhausted = true;
            await loadLastKnownStates(app, jobs, context.lastKnownState);
            claimed.push(...jobs);
          }).finally(() => { refill = null; });
          await refill;
        }
      };
      const worker = async () => {
        for (let job = await nextJob(); job !== undefined; job = await nextJob()) {
          const outcome = await deliverClaimedJob(app, job, target, context, options.signal);
          if (outcome.status === 'done') summary.delivered += 1;
          else if (outcome.status === 'failed') summary.failed += 1;
          else if (outcome.status === 'pending') summary.pending += 1;
          else if (outcome.status === 'cancelled') summary.cancelled += 1;
          if (outcome.already_on_platform) summary.already_on_platform += 1;
          if (chosen) summary.outcomes.push(outcome);
          options.onJob?.(outcome);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      // Stopped early (shutdown): claimed jobs nobody started go back to the queue at once.
      await releaseLeases(app, claimed.map(leaseOf));
    }));
    // The caller asked for these jobs: whoever delivers them (another worker, a daemon), wait for
    // their end rather than report them "running". A change right after another of the same order
    // waits for the running delivery (per order, in order). A live holder renews its lease; a dead
    // one's lapses within sync.lease_ms and the job is taken here.
    if (!chosen || budget <= 0 || options.signal?.aborted === true) break;
    if (!(await waitingForOtherWorker(app, options))) break;
    await app.clock.sleep(POLL_MS, options.signal).catch(() => undefined);
    await expireLeasesOfDeadOwners(app);
  }
  summary.held_elsewhere = await heldElsewhere(app, options);
  return summary;
}

/** Jobs running under a live lease that this call did not take (another process, or this process's other worker). */
async function heldElsewhere(app: SyncDeps, options: DeliverOptions): Promise<HeldJob[]> {
  const query = app.db.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'lease_owner', 'lease_until'])
    .where('status', '=', 'running').where('lease_until', '>=', app.clock.now()).orderBy('id_sync_job').limit(100);
  return onlyChosen(query, options).execute();
}

/** The jobs the caller asked for (`jobIds`, `jobRanges`), when it did. */
function onlyChosen<Q extends { where(expression: (eb: ExpressionBuilder<Database, 'sync_jobs'>) => Expression<SqlBool>): Q }>(query: Q, options: DeliverOptions): Q {
  let q = query;
  const { jobIds, jobRanges } = options;
  if (jobIds !== undefined) q = q.where((eb) => eb('sync_jobs.id_sync_job', 'in', jobIds.length > 0 ? [...jobIds] : [-1]));
  if (jobRanges !== undefined) q = q.where(inJobRanges(jobRanges));
  return q;
}

/**
 * `sync run`: the operator asks for now, so waiting retries are brought forward — but not past a
 * time the platform itself asked for (Retry-After: not_before).
 */
async function makeDueNow(app: SyncDeps, now: number, options: DeliverOptions): Promise<void> {
  const query = app.db.updateTable('sync_jobs').set({ next_attempt_at: now }).where('status', '=', 'pending').where('next_attempt_at', '>', now)
    .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)]));
  await onlyChosen(query, options).execute();
}

async function storesWithWork(app: SyncDeps, options: DeliverOptions, passStart: number): Promise<number[]> {
  const query = app.db.selectFrom('sync_jobs').select('sync_jobs.id_store').distinct().where(due(app.clock.now(), passStart));
  return (await onlyChosen(query, options).execute()).map((row) => row.id_store);
}

/** The store and its client, once per pass; an inactive store's jobs stay pending. */
async function storeDelivery(app: SyncDeps, cache: Map<number, StoreDelivery>, storeId: number): Promise<StoreDelivery | null> {
  const cached = cache.get(storeId);
  if (cached) return cached;
  const store = await findStoreById(app.db, storeId);
  if (!store || store.is_active !== 1) {
    app.logger.debug(`store ${storeId} is inactive or gone: its sync jobs stay pending`);
    return null;
  }
  let platform: StoreDelivery['platform'];
  try {
    platform = await app.platforms.portForStore(store, app.env);
  } catch (error) {
    if (!(error instanceof EcomSyncError)) throw error;
    platform = error;
  }
  const delivery: StoreDelivery = { store, platform, credentialsRefused: null };
  cache.set(storeId, delivery);
  return delivery;
}

/**
 * Some of the requested jobs are running under another worker's live lease, or pending and due
 * behind a running job of their order: their end is still to come.
 */
async function waitingForOtherWorker(app: SyncDeps, options: DeliverOptions): Promise<boolean> {
  if (options.jobIds?.length === 0 || options.jobRanges?.length === 0) return false;
  const now = app.clock.now();
  const row = await onlyChosen(app.db.selectFrom('sync_jobs').select('sync_jobs.id_sync_job'), options)
    .where((eb) => eb.or([
      eb.and([eb('sync_jobs.status', '=', 'running'), eb('sync_jobs.lease_until', '>=', now)]),
      eb.and([
        eb('sync_jobs.status', '=', 'pending'),
        eb('sync_jobs.next_attempt_at', '<=', now),
        eb.exists(eb.selectFrom('sync_jobs as k').select('k.id_sync_job')
          .whereRef('k.id_order', '=', 'sync_jobs.id_order')
          .where('k.status', '=', 'running')
          .where('k.lease_until', '>=', now)),
      ]),
    ]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
