import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './database-types.js';
import { dialectOf } from './dialect.js';

type Db = Kysely<Database> | Transaction<Database>;
/** The same builder without table typing: the id column is named by the caller. */
type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Inserts one row and returns its auto-increment id. PostgreSQL reports ids only through
 * RETURNING; SQLite and MySQL/MariaDB report them as the statement's insertId (MySQL has no
 * RETURNING, and MariaDB's differs), so the difference stays here.
 */
export async function insertReturningId<T extends keyof Database & string>(
  db: Db,
  table: T,
  idColumn: keyof Database[T] & string,
  values: Insertable<Database[T]>,
): Promise<number> {
  const loose = db as unknown as LooseDb;
  const insert = loose.insertInto(table).values(values as Record<string, unknown>);
  if (dialectOf(db as unknown as Kysely<unknown>) === 'postgres') {
    const row: Record<string, unknown> = await insert.returning(idColumn).executeTakeFirstOrThrow();
    return Number(row[idColumn]);
  }
  const result = await insert.executeTakeFirstOrThrow();
  return Number(result.insertId);
}

