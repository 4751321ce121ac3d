import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';

/** The sync queue as /health shows it. */
export interface QueueSummary {
  pending: number;
  running: number;
  failed: number;
  /** Seconds since the oldest pending job was queued; null when none is pending. */
  oldest_pending_age_s: number | null;
}

/**
 * One grouped statement over the (status, next_attempt_at) index: cheap enough for a load
 * balancer's health probe every few seconds. Done jobs are not counted (they only grow).
 */
export async function readQueueSummary(db: Kysely<Database>, now: number): Promise<QueueSummary> {
  const rows = await db.selectFrom('sync_jobs')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['pending', 'running', 'failed'])
    .groupBy('status')
    .execute();
  const summary: QueueSummary = { pending: 0, running: 0, failed: 0, oldest_pending_age_s: null };
  for (const row of rows) {
    const status = row.status as 'pending' | 'running' | 'failed';
    summary[status] = Number(row.n);
    if (status === 'pending' && row.oldest !== null) summary.oldest_pending_age_s = Math.max(0, Math.round((now - Number(row.oldest)) / 1000));
  }
  return summary;
}
