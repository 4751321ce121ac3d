import type { Kysely } from 'kysely';

/**
 * What Shopify and WooCommerce need beside PrestaShop:
 * - `ecommerce_order_states.code`: the platform's own key of a state (PrestaShop's id as text, a
 *   WooCommerce slug, a Shopify action), unique per store; the spec's `id_platform_state` stays.
 * - `stores.api_secret` / `api_secret_env`: a second credential (WooCommerce consumer secret, Shopify
 *   client secret), stored like the key or read from the named environment variable.
 * - `stores.settings`: platform-specific settings as JSON (API version, auth mode, client id…).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ecommerce_order_states').addColumn('code', 'varchar(100)').execute();
  const typed = db as unknown as Kysely<{ ecommerce_order_states: { id_ecommerce_order_state: number; id_platform_state: number; code: string | null } }>;
  // Existing rows are PrestaShop states: their code is the id. Set row by row to stay portable
  // (CAST to a string type is spelled differently on each dialect); a catalogue has few rows.
  const rows = await typed.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state']).execute();
  for (const row of rows) {
    await typed.updateTable('ecommerce_order_states').set({ code: String(row.id_platform_state) }).where('id_ecommerce_order_state', '=', row.id_ecommerce_order_state).execute();
  }
  await db.schema.createIndex('ecommerce_order_states_store_code_unique').on('ecommerce_order_states').columns(['id_store', 'code']).unique().execute();

  await db.schema.alterTable('stores').addColumn('api_secret', 'varchar(255)').execute();
  await db.schema.alterTable('stores').addColumn('api_secret_env', 'varchar(100)').execute();
  await db.schema.alterTable('stores').addColumn('settings', 'varchar(2000)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').dropColumn('settings').execute();
  await db.schema.alterTable('stores').dropColumn('api_secret_env').execute();
  await db.schema.alterTable('stores').dropColumn('api_secret').execute();
  await db.schema.dropIndex('ecommerce_order_states_store_code_unique').on('ecommerce_order_states').execute();
  await db.schema.alterTable('ecommerce_order_states').dropColumn('code').execute();
}
