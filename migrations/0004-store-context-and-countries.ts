import type { Kysely } from 'kysely';
import { schemaHelpers } from '../src/db/schema-helpers.js';

/**
 * A store's PrestaShop context: the shop or shop group of a multistore install (`id_shop` /
 * `id_group_shop` on every request) and whether the shop rewrites URLs (`/api/` or
 * `/webservice/dispatcher.php?url=`). Countries become unique by ISO code, the key addresses are
 * matched on; imported addresses held the platform's own country ids (10 = Italy on a stock
 * shop, not a local id), so theirs are cleared: the next `orders pull --full` sets local ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const h = schemaHelpers(db);
  await db.schema.alterTable('stores').addColumn('shop_id', 'integer').execute();
  await db.schema.alterTable('stores').addColumn('shop_group_id', 'integer').execute();
  await db.schema.alterTable('stores').addColumn('url_rewrite', h.flag, (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('countries_iso_code_unique').on('countries').column('iso_code').unique().execute();
  const raw = db as unknown as Kysely<{ addresses: { id_country: number | null; id_store: number | null } }>;
  await raw.updateTable('addresses').set({ id_country: null }).where('id_store', 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('countries_iso_code_unique').on('countries').execute();
  await db.schema.alterTable('stores').dropColumn('url_rewrite').execute();
  await db.schema.alterTable('stores').dropColumn('shop_group_id').execute();
  await db.schema.alterTable('stores').dropColumn('shop_id').execute();
}
