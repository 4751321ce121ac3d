import type { ExpressionBuilder, ExpressionWrapper, Kysely, Selectable, SelectQueryBuilder, SqlBool, Transaction } from 'kysely';
import type { Database, SyncJobsTable } from './database-types.js';
import { supportsRowLocks } from './dialect.js';
import { retryOnLockConflict } from './lock-conflict.js';

type Db = Kysely<Database> | Transaction<Database>;
type JobRow = Selectable<SyncJobsTable>;

/** The two kinds of due job, each read through the (status, next_attempt_at) index. */
export type CandidateKind = 'expired' | 'pending';

/** A live job of an order, as the order rule needs it. */
export interface LiveJob {
  id_sync_job: number;
  id_order: number;
  status: string;
  lease_until: number | null;
}

/**
 * What to claim, said by the sync layer without any dialect in it: which jobs are due, the order
 * rule (in SQL and on rows read), and the lease values written on the jobs taken. A claimer only
 * decides how the database keeps two workers from taking the same job.
 */
export interface ClaimPlan {
  now: number;
  limit: number;
  /** Written on every job taken: running, lease owner, a fresh lease token, lease end. */
  claim: { status: 'running'; lease_owner: string; lease_token: string; lease_until: number; updated_at: number };
  /** Due jobs of one kind, oldest first, at most `limit`. */
  candidates(db: Db, kind: CandidateKind, limit: number): SelectQueryBuilder<Database, 'sync_jobs', object>;
  /** The order rule as a condition on `sync_jobs`: no other job of the order running under a live lease, none newer. */
  orderIsFree(eb: ExpressionBuilder<Database, 'sync_jobs'>): ExpressionWrapper<Database, 'sync_jobs', SqlBool>;
  /** The same rule on rows read: `others` are the live jobs of the job's order. */
  blockedBy(job: { id_sync_job: number }, others: readonly LiveJob[]): boolean;
  /** The statuses of jobs that still mean something (a newer one of them makes an older job pointless). */
  liveStatuses: readonly string[];
}

export type JobClaimer = (db: Kysely<Database>, plan: ClaimPlan) => Promise<JobRow[]>;

/**
 * SQLite has no row locks: one UPDATE per kind takes the whole batch. Its candidate subquery (not
 * correlated, so SQLite evaluates it once, before writing) and the write run as one statement
 * under the database write lock (a transaction that reads first and writes later could fail with
 * SQLITE_BUSY between processes). At most one job per order passes the order rule (only the newest
 * live job of an order can), so a batch never holds two jobs of one order. One statement and one
 * commit per batch instead of one per job.
 */
export const claimUnderWriteLock: JobClaimer = async (db, plan) => {
  let taken = 0;
  for (const kind of ['expired', 'pending'] as const) {
    if (taken >= plan.limit) break;
    const chosen = plan.candidates(db, kind, plan.limit - taken).where((eb) => plan.orderIsFree(eb)).select('sync_jobs.id_sync_job');
    const result = await db.updateTable('sync_jobs').set(plan.claim).where('sync_jobs.id_sync_job', 'in', chosen).executeTakeFirst();
    taken += Number(result.numUpdatedRows);
  }
  if (taken === 0) return [];
  // Through the status index: only the running jobs are read, not the table.
  return db.selectFrom('sync_jobs').selectAll().where('status', '=', 'running').where('lease_owner', '=', plan.claim.lease_owner)
    .where('lease_token', '=', plan.claim.lease_token).orderBy('id_sync_job').execute();
};

/**
 * PostgreSQL and MySQL/MariaDB lock the candidates with FOR UPDATE SKIP LOCKED, so concurrent
 * workers pass each other by. READ COMMITTED (PostgreSQL's default; set for MySQL/MariaDB sessions
 * in connect-database.ts): every read sees the latest commits. A deadlock with a concurrent status
 * change (InnoDB locks index entries, so a claim and a change of the same order can wait on each
 * other) rolls the claim back whole: it is taken again.
 */
export const claimWithSkipLocked: JobClaimer = async (db, plan) => {
  const want = Math.max(plan.limit * 4, 8);
  const live = (o: { status: string }) => plan.liveStatuses.includes(o.status);
  const taken = await retryOnLockConflict(() => db.transaction().execute(async (trx) => {
    const rows: JobRow[] = [];
    for (const kind of ['expired', 'pending'] as const) {
      if (rows.length >= want) break;
      // The order rule in the read too (a plain read: a subquery takes no locks), so that stale
      // jobs at the head of the queue (older ones of an order with a newer live job) do not fill
      // the batch and starve the newest ones behind them; the rows are checked again below.
      rows.push(...await plan.candidates(trx, kind, want - rows.length).where((eb) => plan.orderIsFree(eb)).selectAll().forUpdate().skipLocked().execute());
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
    const lockedIds = new Set((await trx.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'status'])
      .where('id_order', 'in', orderIds).forUpdate().skipLocked().execute()).filter(live).map((o) => o.id_sync_job));
    const current = (await trx.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'status', 'lease_until'])
      .where('id_order', 'in', orderIds).execute()).filter(live);
    const busyOrders = new Set(current.filter((o) => !lockedIds.has(o.id_sync_job)).map((o) => o.id_order));
    const locked = current.filter((o) => lockedIds.has(o.id_sync_job));
    const chosen: JobRow[] = [];
    const ordersTaken = new Set<number>();
    for (const row of rows) {
      if (chosen.length >= plan.limit || ordersTaken.has(row.id_order) || busyOrders.has(row.id_order)) continue;
      if (plan.blockedBy(row, locked.filter((o) => o.id_order === row.id_order))) continue;
      chosen.push(row);
      ordersTaken.add(row.id_order);
    }
    if (chosen.length > 0) await trx.updateTable('sync_jobs').set(plan.claim).where('id_sync_job', 'in', chosen.map((r) => r.id_sync_job)).execute();
    return chosen;
  }));
  // The rows were read under our lock: with the claim applied they are what the table now holds.
  return taken.map((row) => ({ ...row, ...plan.claim })).sort((x, y) => x.id_sync_job - y.id_sync_job);
};

/** The claimer this database needs: the only place the choice is made. */
export function jobClaimerFor(db: Kysely<Database>): JobClaimer {
  return supportsRowLocks(db) ? claimWithSkipLocked : claimUnderWriteLock;
}
