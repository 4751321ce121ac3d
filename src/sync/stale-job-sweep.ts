import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import { SUPERSEDE_BATCH, supersedeStaleJobs } from './claim-jobs.js';
import type { SyncDeps } from './sync-deps.js';

interface SweepMark {
  /** The newest job id when the last sweep found nothing more to supersede. */
  newestJob: number;
  /** When that sweep ran (clock time). */
  at: number;
}

/** Per database handle: the daemon's worker passes share one, each process has its own. */
const marks = new WeakMap<Kysely<Database>, SweepMark>();

/**
 * The sweep for stale jobs (supersedeStaleJobs), run only when it can find something. It reads
 * every open job, about 24 ms on PostgreSQL at 10,000 jobs: too much for every pass of a worker
 * that delivers a few dozen jobs a pass. A job turns stale when a newer job of its order arrives
 * while it runs and its worker then dies (its lease lapses), or when `sync retry` revives a job an
 * order has since outgrown. So the sweep runs when new jobs arrived since the last sweep, when a
 * lapsed lease exists, and at least once every sync.lease_ms (a revived job, ids committed out of
 * order); both checks read an index only. A sweep that hit its batch size runs again next pass.
 */
export async function sweepStaleJobs(deps: Pick<SyncDeps, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  const mark = marks.get(deps.db);
  const newest = await deps.db.selectFrom('sync_jobs').select((eb) => eb.fn.max('id_sync_job').as('id')).executeTakeFirst();
  const newestJob = Number(newest?.id ?? 0);
  if (mark !== undefined && newestJob <= mark.newestJob && now - mark.at < deps.config.sync.lease_ms) {
    const lapsed = await deps.db.selectFrom('sync_jobs').select('id_sync_job').where('status', '=', 'running').where('lease_until', '<', now).limit(1).executeTakeFirst();
    if (lapsed === undefined) return 0;
  }
  const superseded = await supersedeStaleJobs(deps);
  if (superseded < SUPERSEDE_BATCH) marks.set(deps.db, { newestJob, at: now });
  return superseded;
}
