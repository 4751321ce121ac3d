import type { Db } from './sync-job-repository.js';

export interface SyncLogEntry {
  id_sync_job: number | null;
  id_order: number | null;
  id_store: number | null;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** One line of the order's sync history, kept in the database next to the job (shown by `orders show`). */
export async function writeSyncLog(db: Db, entry: SyncLogEntry, now: number): Promise<void> {
  await db.insertInto('sync_log').values({ ...entry, message: entry.message.slice(0, 1000), created_at: now }).execute();
}
