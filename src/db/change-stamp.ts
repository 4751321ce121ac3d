import { sql, type Kysely } from 'kysely';
import type { Database } from './database-types.js';
import { dialectOf } from './dialect.js';

/** Reads a stamp that differs from the previous one whenever data of the database may have changed. */
export type ChangeStamp = () => Promise<string>;

/**
 * For caches of query results that must never be stale, whoever writes: on SQLite,
 * `data_version` changes when any other connection commits (another ecom-sync process, a cron job,
 * the sqlite3 shell, any SQL), and `total_changes()` counts the rows this connection wrote (which
 * `data_version` does not see). One statement without I/O, compiled once. A rolled-back write
 * changes the stamp too: a needless rebuild, never a stale answer.
 *
 * PostgreSQL and MySQL/MariaDB have no equally cheap signal that covers other clients' writes:
 * null there, and callers do not cache.
 */
export function createChangeStamp(db: Kysely<Database>): ChangeStamp | null {
  if (dialectOf(db as unknown as Kysely<unknown>) !== 'sqlite') return null;
  const query = sql<{ changes: number; version: number }>`select total_changes() as changes, data_version as version from pragma_data_version`.compile(db);
  return async () => {
    const row = (await db.executeQuery(query)).rows[0];
    return row === undefined ? '' : `${row.version}:${row.changes}`;
  };
}
