import { MysqlAdapter, PostgresAdapter, type Kysely, type Transaction } from 'kysely';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

/** Which SQL dialect a Kysely instance speaks; the only place that asks. */
export function dialectOf(db: Kysely<unknown>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  return 'sqlite';
}

/** The largest id an INTEGER column holds on every dialect (32-bit signed on PostgreSQL and MariaDB). */
export const MAX_ID = 2_147_483_647;

export function dialectOfUrl(url: string): DialectName {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('mysql://')) return 'mysql';
  return 'sqlite';
}

/** Timestamps in the `YYYY-MM-DD HH:MM:SS` UTC form every dialect accepts and returns here. */
export function toDbTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Whether `SELECT … FOR UPDATE [SKIP LOCKED]` exists: PostgreSQL and MySQL/MariaDB (10.6+) lock
 * rows; SQLite has no row locks (a write transaction holds the whole database instead).
 */
export function supportsRowLocks<DB>(db: Kysely<DB> | Transaction<DB>): boolean {
  return dialectOf(db as unknown as Kysely<unknown>) !== 'sqlite';
}
