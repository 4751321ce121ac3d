import type { Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

/**
 * Shopify order, customer, address and line ids pass 2^31 (e.g. 5_801_234_567_890): the id_origin
 * columns that hold platform ids become BIGINT on PostgreSQL and MySQL/MariaDB. SQLite's INTEGER is
 * 64-bit already. Values stay below 2^53, so they come back as JavaScript numbers (see connect-database).
 * stores.orders_watermark grows to hold a Shopify/WooCommerce keyset watermark (`updatedAt ISO|id`).
 */
const COLUMNS: ReadonlyArray<{ table: string; notNull: boolean }> = [
  { table: 'customers', notNull: false },
  { table: 'addresses', notNull: false },
  { table: 'products', notNull: false },
  { table: 'orders', notNull: false },
  { table: 'order_details', notNull: false },
  { table: 'sync_jobs', notNull: true },
];

async function setType(db: Kysely<unknown>, type: 'bigint' | 'integer'): Promise<void> {
  const dialect = dialectOf(db);
  if (dialect === 'sqlite') return;
  for (const { table, notNull } of COLUMNS) {
    if (dialect === 'postgres') {
      await db.schema.alterTable(table).alterColumn('id_origin', (c) => c.setDataType(type)).execute();
    } else {
      // MODIFY COLUMN restates the whole column: keep NOT NULL where it was.
      await db.schema.alterTable(table).modifyColumn('id_origin', type, (c) => (notNull ? c.notNull() : c)).execute();
    }
  }
}

async function setWatermarkLength(db: Kysely<unknown>, length: number): Promise<void> {
  const dialect = dialectOf(db);
  if (dialect === 'postgres') await db.schema.alterTable('stores').alterColumn('orders_watermark', (c) => c.setDataType(`varchar(${length})`)).execute();
  if (dialect === 'mysql') await db.schema.alterTable('stores').modifyColumn('orders_watermark', `varchar(${length})`).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setType(db, 'bigint');
  await setWatermarkLength(db, 100);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setWatermarkLength(db, 30);
  await setType(db, 'integer');
}
