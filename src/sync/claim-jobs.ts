import { randomBytes } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { App } from '../app-types.js';
import type { Database } from '../db/database-types.js';
import { supportsRowLocks } from '../db/dialect.js';
import { retryOnLockConflict } from '../db/lock-conflict.js';
import { inJobRanges, type JobRangeList } from './job-id-ranges.js';
import type { Db, SyncJobRow } from './sync-job-repository.js';

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

type CandidateKind = 'expired' | 'pending';

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

interface LiveJob {
  id_sync_job: number;
  id_order: number;
  status: string;
  lease_until: number | null;
}

/** The order rule on the jobs of one order: none other running under a live lease, none newer. */
function blockedBy(job: { id_sync_job: number }, others: readonly LiveJob[], now: number): boolean {
  return others.some((o) => o.id_sync_job !== job.id_sync_job
    && ((o.status === 'running' && (o.lease_until ?? 0) >= now) || o.id_sync_job > job.id_sync_job));
}

/**
 * Takes up to `limit` due jobs for this process under a lease (lease_owner = app.processId, a fresh
 * lease_token), so that no two workers ever deliver the same job.
 *
 * SQLite has no row locks: each job is taken by one conditional UPDATE, which SQLite runs
 * atomically under its database write lock (a transaction that reads first and writes later
 * could fail with SQLITE_BUSY between processes). PostgreSQL and MySQL/MariaDB lock the
 * candidates with FOR UPDATE SKIP LOCKED, so concurrent workers pass each other by.
 */
export async function claimJobs(app: App, options: ClaimOptions): Promise<SyncJobRow[]> {
  const now = app.clock.now();
  const leaseUntil = now + app.config.sync.lease_ms;
  // A token per claim: the same process claiming a job again (its earlier lease lapsed) gets a new
  // one, so the earlier worker's fenced writes match nothing.
  const claim = { status: 'running' as const, lease_owner: app.processId, lease_token: randomBytes(8).toString('hex'), lease_until: leaseUntil, updated_at: now };
  if (!supportsRowLocks(app.db)) {
    // One UPDATE per kind takes the whole batch: its candidate subquery (not correlated, so SQLite
    // evaluates it once, before writing) and the write run as one statement under the write lock.
    // At most one job per order passes the order rule (only the newest live job of an order can),
    // so a batch never holds two jobs of one order. One statement and one commit per batch
    // instead of one per job.
    let taken = 0;
    for (const kind of ['expired', 'pending'] as const) {
      if (taken >= options.limit) break;
      const chosen = candidates(app.db, options, now, kind, options.limit - taken).where(orderIsFree(now)).select('sync_jobs.id_sync_job');
      const result = await app.db.updateTable('sync_jobs').set(claim).where('sync_jobs.id_sync_job', 'in', chosen).executeTakeFirst();
      taken += Number(result.numUpdatedRows);
    }
    if (taken === 0) return [];
    // Through the status index: only the running jobs are read, not the table.
    return app.db.selectFrom('sync_jobs').selectAll().where('status', '=', 'running').where('lease_owner', '=', app.processId).where('lease_token', '=', claim.lease_token).orderBy('id_sync_job').execute();
  }

  const want = Math.max(options.limit * 4, 8);
  // READ COMMITTED (PostgreSQL's default; set for MySQL/MariaDB sessions in connect-database.ts):
  // every read sees the latest commits. A deadlock with a concurrent status change (InnoDB locks
  // index entries, so a claim and a change of the same order can wait on each other) rolls the
  // claim back whole: take it again.
  const taken = await retryOnLockConflict(() => app.db.transaction().execute(async (trx) => {
    const rows: SyncJobRow[] = [];
    for (const kind of ['expired', 'pending'] as const) {
      if (rows.length >= want) break;
      rows.push(...await candidates(trx, options, now, kind, want - rows.length)
        .selectAll().forUpdate().skipLocked().execute());
    }
    if (rows.length === 0) return [];
    // The order rule needs every live job of these orders. They are locked too, without waiting:
    // a job of the order that another worker has locked is being claimed (or finished) by it right
    // now, and its committed row does not say so yet. Such an order is left for a later claim;
    // taking it could run two jobs of one order at once (ours and the one claimed beside us).
    const orderIds = [...new Set(rows.map((r) => r.id_order))];
    // Locked by id_order with only columns of the (id_order, status) index, so that InnoDB locks
    // them through that index (an index-only read), as a status change does: a claim then never
    // waits for an index entry that a status change holds while the change waits for the claim's
    // row (a deadlock). Lease times come from the plain read.
    const live = (o: { status: string }) => (LIVE_STATUSES as readonly string[]).includes(o.status);
    const lockedIds = new Set((await trx.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'status'])
      .where('id_order', 'in', orderIds).forUpdate().skipLocked().execute()).filter(live).map((o) => o.id_sync_job));
    const current = (await trx.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'status', 'lease_until'])
      .where('id_order', 'in', orderIds).execute()).filter(live);
    const busyOrders = new Set(current.filter((o) => !lockedIds.has(o.id_sync_job)).map((o) => o.id_order));
    const locked = current.filter((o) => lockedIds.has(o.id_sync_job));
    const chosen: SyncJobRow[] = [];
    const ordersTaken = new Set<number>();
    for (const row of rows) {
      if (chosen.length >= options.limit || ordersTaken.has(row.id_order) || busyOrders.has(row.id_order)) continue;
      if (blockedBy(row, locked.filter((o) => o.id_order === row.id_order), now)) continue;
      chosen.push(row);
      ordersTaken.add(row.id_order);
    }
    if (chosen.length > 0) await trx.updateTable('sync_jobs').set(claim).where('id_sync_job', 'in', chosen.map((r) => r.id_sync_job)).execute();
    return chosen;
  }));
  // The rows were read under our lock: with the claim applied they are what the table now holds.
  return taken.map((row) => ({ ...row, ...claim })).sort((x, y) => x.id_sync_job - y.id_sync_job);
}

/**
 * Jobs that can never run because a newer job of their order exists (e.g. a running job whose
 * worker died after the order changed again): marked superseded so that lists stay truthful.
 */
export async function supersedeStaleJobs(app: App): Promise<number> {
  const now = app.clock.now();
  const stale = await app.db.selectFrom('sync_jobs').select('sync_jobs.id_sync_job')
    .where((eb) => eb.or([eb('sync_jobs.status', '=', 'pending'), eb.and([eb('sync_jobs.status', '=', 'running'), eb('sync_jobs.lease_until', '<', now)])]))
    .where((eb) => eb.exists(eb.selectFrom('sync_jobs as k').select('k.id_sync_job')
      .whereRef('k.id_order', '=', 'sync_jobs.id_order')
      .whereRef('k.id_sync_job', '>', 'sync_jobs.id_sync_job')
      .where('k.status', 'in', [...LIVE_STATUSES])))
    .limit(1000)
    .execute();
  if (stale.length === 0) return 0;
  const result = await app.db.updateTable('sync_jobs').set({ status: 'superseded', lease_owner: null, lease_token: null, lease_until: null, updated_at: now })
    .where('id_sync_job', 'in', stale.map((s) => s.id_sync_job))
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
