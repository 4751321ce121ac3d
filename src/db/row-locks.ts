import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from './database-types.js';
import { supportsRowLocks } from './dialect.js';

type Trx = Transaction<Database> | Kysely<Database>;

/**
 * A read whose rows the transaction is about to change, locked until it ends: `FOR UPDATE` on
 * PostgreSQL and MySQL/MariaDB. SQLite has no row locks and needs none: its write transaction
 * already holds the whole database (see lockOrdersForChange).
 */
export function lockRowsForUpdate<DB, TB extends keyof DB, O>(trx: Trx, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return supportsRowLocks(trx) ? query.forUpdate() : query;
}

/**
 * The first statement of a status change: a write that changes nothing (date_upd = date_upd), so
 * that the transaction holds its locks before anything is read. On SQLite it takes the database
 * write lock (a transaction that reads first and writes later can fail with SQLITE_BUSY between
 * processes); elsewhere it locks the orders' rows, so concurrent changes of one order queue up.
 * Returns how many of the orders exist.
 */
export async function lockOrdersForChange(trx: Trx, orderIds: readonly number[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  const touch = trx.updateTable('orders').set({ date_upd: sql<string>`date_upd` });
  const result = await (orderIds.length === 1 ? touch.where('id_order', '=', orderIds[0]!) : touch.where('id_order', 'in', [...orderIds])).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
