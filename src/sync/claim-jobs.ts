import { randomBytes } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/database-types.js';
import { jobClaimerFor, type CandidateKind, type LiveJob } from '../db/job-claimers.js';
import type { SyncDeps } from './sync-deps.js';
import { inJobRanges, type JobRangeList } from './job-id-ranges.js';
import type { Db, SyncJobRow } from './sync-job-repository.js';

/** What a claim uses of the app. */
export type ClaimDeps = Pick<SyncDeps, 'db' | 'clock' | 'config' | 'processId'>;

export interface ClaimOptions {
  limit: number;
  storeId?: number;
  jobIds?: readonly number[];
  /** Only jobs in these ranges of ids, bounds included (a bulk change's own jobs: see job-id-ranges.ts). */
  jobRanges?: JobRangeList;
  /**
   * Pending jobs are due when next_attempt_at <= dueBy (default now). A delivery pass passes its
   * start time, so that a job failing during the pass is not taken again by the same pass.
   */
  dueBy?: number;
}

/** Jobs that are later for the same order and still mean something: they make an older job pointless. */
const LIVE_STATUSES = ['pending', 'running', 'failed', 'done'] as const;

/** Pending and due, or running under a lease that expired (its worker died: kill -9, power loss). */
export function due(now: number, dueBy: number) {
  return (eb: ExpressionBuilder<Database, 'sync_jobs'>) => eb.or([
    eb.and([eb('sync_jobs.status', '=', 'pending'), eb('sync_jobs.next_attempt_at', '<=', dueBy)]),
    eb.and([eb('sync_jobs.status', '=', 'running'), eb('sync_jobs.lease_until', '<', now)]),
  ]);
}

/**
 * Per order, in order: a job runs only when no other job of its order is running under a live
 * lease and no newer job of its order exists (latest wins).
 */
function orderIsFree(now: number) {
  return (eb: ExpressionBuilder<Database, 'sync_jobs'>) => eb.not(eb.exists(
    eb.selectFrom('sync_jobs as k').select('k.id_sync_job')
      .whereRef('k.id_order', '=', 'sync_jobs.id_order')
      .whereRef('k.id_sync_job', '<>', 'sync_jobs.id_sync_job')
      .where((k) => k.or([
        k.and([k('k.status', '=', 'running'), k('k.lease_until', '>=', now)]),
        k.and([k('k.id_sync_job', '>', k.ref('sync_jobs.id_sync_job')), k('k.status', 'in', [...LIVE_STATUSES])]),
      ])),
  ));
}

/**
 * Due jobs of one kind, each kind read through the (status, next_attempt_at) index: a single
 * `pending OR expired` condition ordered by id made PostgreSQL walk the primary key over every
 * done job before the first due one, so each claim got slower as the table grew.
 */
function candidates(db: Db, options: ClaimOptions, now: number, kind: CandidateKind, limit: number) {
  let query = kind === 'expired'
    ? db.selectFrom('sync_jobs').where('sync_jobs.status', '=', 'running').where('sync_jobs.lease_until', '<', now)
    : db.selectFrom('sync_jobs').where('sync_jobs.status', '=', 'pending').where('sync_jobs.next_attempt_at', '<=', options.dueBy ?? now);
  // Oldest due first; equal times (a bulk change) in creation order.
  query = query.orderBy('sync_jobs.next_attempt_at').orderBy('sync_jobs.id_sync_job').limit(limit);
  if (options.storeId !== undefined) query = query.where('sync_jobs.id_store', '=', options.storeId);
  if (options.jobIds !== undefined) query = query.where('sync_jobs.id_sync_job', 'in', options.jobIds.length > 0 ? [...options.jobIds] : [-1]);
  if (options.jobRanges !== undefined) query = query.where(inJobRanges(options.jobRanges));
  return query;
}

/** The order rule on the jobs of one order: none other running under a live lease, none newer. */
function blockedBy(job: { id_sync_job: number }, others: readonly LiveJob[], now: number): boolean {
  return others.some((o) => o.id_sync_job !== job.id_sync_job
    && ((o.status === 'running' && (o.lease_until ?? 0) >= now) || o.id_sync_job > job.id_sync_job));
}

/**
 * Takes up to `limit` due jobs for this process under a lease (lease_owner = processId, a fresh
 * lease_token), so that no two workers ever deliver the same job. Which jobs and under which rule
 * is said here; how the database keeps two workers apart (one conditional UPDATE under SQLite's
 * write lock, FOR UPDATE SKIP LOCKED elsewhere) is src/db/job-claimers.ts's.
 */
export async function claimJobs(deps: ClaimDeps, options: ClaimOptions): Promise<SyncJobRow[]> {
  const now = deps.clock.now();
  const leaseUntil = now + deps.config.sync.lease_ms;
  // A token per claim: the same process claiming a job again (its earlier lease lapsed) gets a new
  // one, so the earlier worker's fenced writes match nothing.
  const claim = { status: 'running' as const, lease_owner: deps.processId, lease_token: randomBytes(8).toString('hex'), lease_until: leaseUntil, updated_at: now };
  return jobClaimerFor(deps.db)(deps.db, {
    now,
    limit: options.limit,
    claim,
    candidates: (db, kind, limit) => candidates(db, options, now, kind, limit),
    orderIsFree: orderIsFree(now),
    blockedBy: (job, others) => blockedBy(job, others, now),
    liveStatuses: LIVE_STATUSES,
  });
}

/** At most this many stale jobs are superseded per call; the next call takes the rest. */
export const SUPERSEDE_BATCH = 1000;

/**
 * Jobs that can never run because a newer job of their order exists (e.g. a running job whose
 * worker died after the order changed again): marked superseded so that lists stay truthful.
 * With `scope`, only among the jobs of those jobs' orders (a delivery of given jobs looks at its own orders only).
 */
export async function supersedeStaleJobs(app: Pick<SyncDeps, 'db' | 'clock'>, scope: Pick<ClaimOptions, 'jobIds' | 'jobRanges'> = {}): Promise<number> {
  const now = app.clock.now();
  let query = app.db.selectFrom('sync_jobs').select('sync_jobs.id_sync_job');
  if (scope.jobIds !== undefined || scope.jobRanges !== undefined) {
    let orders = app.db.selectFrom('sync_jobs').select('sync_jobs.id_order');
    if (scope.jobIds !== undefined) orders = orders.where('sync_jobs.id_sync_job', 'in', scope.jobIds.length > 0 ? [...scope.jobIds] : [-1]);
    if (scope.jobRanges !== undefined) orders = orders.where(inJobRanges(scope.jobRanges));
    query = query.where('sync_jobs.id_order', 'in', orders);
  }
  const stale = await query
    .where((eb) => eb.or([eb('sync_jobs.status', '=', 'pending'), eb.and([eb('sync_jobs.status', '=', 'running'), eb('sync_jobs.lease_until', '<', now)])]))
    .where((eb) => eb.exists(eb.selectFrom('sync_jobs as k').select('k.id_sync_job')
      .whereRef('k.id_order', '=', 'sync_jobs.id_order')
      .whereRef('k.id_sync_job', '>', 'sync_jobs.id_sync_job')
      .where('k.status', 'in', [...LIVE_STATUSES])))
    .limit(SUPERSEDE_BATCH)
    .execute();
  if (stale.length === 0) return 0;
  const result = await app.db.updateTable('sync_jobs').set({ status: 'superseded', lease_owner: null, lease_token: null, lease_until: null, updated_at: now })
    .where('id_sync_job', 'in', stale.map((s) => s.id_sync_job))
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
