import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';

type Db = Kysely<Database> | Transaction<Database>;

export type ColumnKind = 'number' | 'text';

export interface BulkUpdateRow {
  key: number;
  values: Record<string, string | number | null>;
}

/**
 * `THEN` values are parameters of unknown type to PostgreSQL, which resolves a CASE of unknowns
 * as text and then refuses to store text in a numeric column. A DECIMAL cast is understood by all
 * three dialects and is assigned to INTEGER and DECIMAL columns alike.
 */
function thenValue(value: string | number | null, kind: ColumnKind): RawBuilder<unknown> {
  return kind === 'number' ? sql`CAST(${value} AS DECIMAL(20, 6))` : sql`${value}`;
}

/**
 * Updates many rows of one table in ONE statement, each row to its own values:
 * `UPDATE t SET c = CASE key WHEN 1 THEN .. WHEN 2 THEN .. END, ... WHERE key IN (1, 2)`.
 * Standard SQL that SQLite, PostgreSQL and MySQL/MariaDB all run, so a page of orders costs a
 * fixed number of queries instead of one per order. `common` columns get one value for all rows.
 */
export async function bulkUpdate(
  db: Db,
  table: keyof Database,
  keyColumn: string,
  columns: Record<string, ColumnKind>,
  rows: readonly BulkUpdateRow[],
  common: Record<string, string | number | null> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const key = sql.ref(keyColumn);
  const sets = Object.entries(columns).map(([column, kind]) =>
    sql`${sql.ref(column)} = CASE ${key} ${sql.join(rows.map((row) => sql`WHEN ${row.key} THEN ${thenValue(row.values[column] ?? null, kind)}`), sql` `)} END`);
  for (const [column, value] of Object.entries(common)) sets.push(sql`${sql.ref(column)} = ${value}`);
  await sql`UPDATE ${sql.table(table)} SET ${sql.join(sets)} WHERE ${key} IN (${sql.join(rows.map((row) => row.key))})`.execute(db);
}
