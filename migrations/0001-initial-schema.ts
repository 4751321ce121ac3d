import { sql, type Kysely } from 'kysely';
import { schemaHelpers } from '../src/db/schema-helpers.js';

/**
 * The spec's tables (ecommerce_order_states, platform_state_triggers, orders.id_ecommerce_state)
 * with the back office's data model around them, plus ecom-sync's durable sync jobs and log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const h = schemaHelpers(db);

  await h.createTable('platforms', 'id_platform')
    .addColumn('name', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('is_default', h.flag, (c) => c.notNull().defaultTo(0))
    .execute();

  await h.createTable('stores', 'id_store')
    .addColumn('id_platform', 'integer', (c) => c.notNull().references('platforms.id_platform'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('base_url', 'varchar(255)', (c) => c.notNull())
    .addColumn('api_key', 'varchar(255)')
    .addColumn('api_key_env', 'varchar(100)')
    .addColumn('logo', 'varchar(255)')
    .addColumn('is_active', h.flag, (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', h.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('id_lang', 'integer')
    .addColumn('format', 'varchar(10)', (c) => c.notNull().defaultTo('xml'))
    .addColumn('send_email', h.flag)
    .addColumn('credentials_error', 'varchar(500)')
    .addColumn('credentials_failed_at', h.dateTime)
    .addColumn('orders_watermark', 'varchar(30)')
    .addColumn('orders_pulled_at', h.dateTime)
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('date_upd', h.dateTime, h.now)
    .execute();

  await h.createTable('languages', 'id_lang')
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('iso_code', 'varchar(5)', (c) => c.notNull())
    .execute();

  await h.createTable('countries', 'id_country')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('iso_code', 'varchar(3)', (c) => c.notNull())
    .execute();

  await h.createTable('order_states', 'id_order_state')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .execute();

  await h.createTable('shipping_state', 'id_shipping_state')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .execute();

  await h.createTable('shipments', 'id_shipping')
    .addColumn('id_shipping_state', 'integer', (c) => c.notNull().references('shipping_state.id_shipping_state'))
    .addColumn('tracking', 'varchar(100)')
    .addColumn('carrier_name', 'varchar(100)')
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('date_upd', h.dateTime, h.now)
    .execute();

  await h.createTable('customers', 'id_customer')
    .addColumn('id_origin', 'integer')
    .addColumn('id_store', 'integer', (c) => c.references('stores.id_store'))
    .addColumn('firstname', 'varchar(100)', (c) => c.notNull())
    .addColumn('lastname', 'varchar(100)', (c) => c.notNull())
    .addColumn('email', 'varchar(255)', (c) => c.notNull())
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('date_upd', h.dateTime, h.now)
    .addUniqueConstraint('customers_store_origin_unique', ['id_store', 'id_origin'])
    .execute();

  await h.createTable('addresses', 'id_address')
    .addColumn('id_origin', 'integer')
    .addColumn('id_store', 'integer', (c) => c.references('stores.id_store'))
    .addColumn('id_customer', 'integer', (c) => c.references('customers.id_customer'))
    .addColumn('firstname', 'varchar(100)', (c) => c.notNull())
    .addColumn('lastname', 'varchar(100)', (c) => c.notNull())
    .addColumn('company', 'varchar(255)')
    .addColumn('address1', 'varchar(255)', (c) => c.notNull())
    .addColumn('address2', 'varchar(255)')
    .addColumn('postcode', 'varchar(20)', (c) => c.notNull())
    .addColumn('city', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_country', 'integer')
    .addColumn('phone', 'varchar(50)')
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('date_upd', h.dateTime, h.now)
    .addUniqueConstraint('addresses_store_origin_unique', ['id_store', 'id_origin'])
    .execute();

  await h.createTable('products', 'id_product')
    .addColumn('id_origin', 'integer')
    .addColumn('id_store', 'integer', (c) => c.references('stores.id_store'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('reference', 'varchar(100)')
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('date_upd', h.dateTime, h.now)
    .addUniqueConstraint('products_store_origin_unique', ['id_store', 'id_origin'])
    .execute();

  await h.createTable('ecommerce_order_states', 'id_ecommerce_order_state')
    .addColumn('id_store', 'integer', (c) => c.notNull().references('stores.id_store'))
    .addColumn('id_platform_state', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('platform_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('is_deleted', h.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('is_missing', h.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('send_email', h.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('updated_at', h.dateTime, h.now)
    .addUniqueConstraint('ecommerce_order_states_store_platform_state_unique', ['id_store', 'id_platform_state'])
    .execute();

  await h.createTable('orders', 'id_order')
    .addColumn('id_origin', 'integer')
    .addColumn('id_platform', 'integer', (c) => c.references('platforms.id_platform'))
    .addColumn('id_store', 'integer', (c) => c.references('stores.id_store'))
    .addColumn('id_order_state', 'integer', (c) => c.notNull().references('order_states.id_order_state'))
    .addColumn('id_ecommerce_state', 'integer', (c) => c.references('ecommerce_order_states.id_ecommerce_order_state'))
    .addColumn('id_shipping', 'integer', (c) => c.references('shipments.id_shipping'))
    .addColumn('id_customer', 'integer', (c) => c.references('customers.id_customer'))
    .addColumn('id_address_delivery', 'integer', (c) => c.references('addresses.id_address'))
    .addColumn('id_address_invoice', 'integer', (c) => c.references('addresses.id_address'))
    .addColumn('reference', 'varchar(32)')
    .addColumn('payment', 'varchar(100)')
    .addColumn('total_price_with_tax', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('total_price_without_tax', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('total_products', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('total_shipping', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('platform_date_upd', 'varchar(30)')
    .addColumn('date_add', h.dateTime, h.now)
    .addColumn('date_upd', h.dateTime, h.now)
    .addUniqueConstraint('orders_store_origin_unique', ['id_store', 'id_origin'])
    .execute();
  await db.schema.createIndex('orders_state_index').on('orders').column('id_order_state').execute();
  await db.schema.createIndex('orders_ecommerce_state_index').on('orders').column('id_ecommerce_state').execute();

  await h.createTable('order_details', 'id_order_detail')
    .addColumn('id_order', 'integer', (c) => c.notNull().references('orders.id_order').onDelete('cascade'))
    .addColumn('id_origin', 'integer')
    .addColumn('id_product', 'integer', (c) => c.references('products.id_product'))
    .addColumn('product_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('product_reference', 'varchar(100)')
    .addColumn('product_qty', 'integer', (c) => c.notNull())
    .addColumn('product_price', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_price_tax_incl', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_price_tax_excl', 'decimal(20, 6)', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('order_details_order_origin_unique', ['id_order', 'id_origin'])
    .execute();

  await h.createTable('orders_history', 'id_order_history')
    .addColumn('id_order', 'integer', (c) => c.notNull().references('orders.id_order').onDelete('cascade'))
    .addColumn('id_order_state', 'integer', (c) => c.notNull().references('order_states.id_order_state'))
    .addColumn('date_add', h.dateTime, h.now)
    .execute();
  await db.schema.createIndex('orders_history_order_index').on('orders_history').column('id_order').execute();

  await h.createTable('platform_state_triggers', 'id_trigger')
    .addColumn('event_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_store', 'integer', (c) => c.notNull().references('stores.id_store'))
    .addColumn('state_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('id_state_local', 'integer', (c) => c.notNull())
    .addColumn('id_state_platform', 'integer', (c) => c.notNull().references('ecommerce_order_states.id_ecommerce_order_state'))
    .addColumn('is_active', h.flag, (c) => c.notNull().defaultTo(1))
    .addColumn('send_email', h.flag)
    .addColumn('created_at', h.dateTime, h.now)
    .addColumn('updated_at', h.dateTime, h.now)
    .execute();
  await db.schema.createIndex('platform_state_triggers_event_type_index').on('platform_state_triggers').column('event_type').execute();
  await db.schema.createIndex('platform_state_triggers_is_active_index').on('platform_state_triggers').column('is_active').execute();
  // At most one active trigger per (store, event, state type, local state): the first match must
  // never be an arbitrary pick. MySQL has no partial index: a generated column that is NULL for
  // inactive rows (NULLs never collide in a unique index) does the same.
  if (h.dialect === 'mysql') {
    await sql`ALTER TABLE platform_state_triggers ADD COLUMN active_state_local INT
      GENERATED ALWAYS AS (CASE WHEN is_active <> 0 THEN id_state_local ELSE NULL END) STORED`.execute(db);
    await db.schema.createIndex('platform_state_triggers_one_active').on('platform_state_triggers')
      .columns(['id_store', 'event_type', 'state_type', 'active_state_local']).unique().execute();
  } else {
    await db.schema.createIndex('platform_state_triggers_one_active').on('platform_state_triggers')
      .columns(['id_store', 'event_type', 'state_type', 'id_state_local']).unique()
      .where(sql.ref('is_active'), '<>', 0).execute();
  }

  await h.createTable('sync_jobs', 'id_sync_job')
    .addColumn('id_order', 'integer', (c) => c.notNull().references('orders.id_order').onDelete('cascade'))
    .addColumn('id_store', 'integer', (c) => c.notNull().references('stores.id_store'))
    .addColumn('id_trigger', 'integer')
    .addColumn('event_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_state_local', 'integer', (c) => c.notNull())
    .addColumn('id_ecommerce_order_state', 'integer', (c) => c.notNull().references('ecommerce_order_states.id_ecommerce_order_state'))
    .addColumn('id_platform_state', 'integer', (c) => c.notNull())
    .addColumn('id_origin', 'integer', (c) => c.notNull())
    .addColumn('send_email', h.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_doubt', h.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', h.epochMs, (c) => c.notNull())
    .addColumn('lease_owner', 'varchar(100)')
    .addColumn('lease_until', h.epochMs)
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('last_http_status', 'integer')
    .addColumn('created_at', h.epochMs, (c) => c.notNull())
    .addColumn('updated_at', h.epochMs, (c) => c.notNull())
    .addColumn('done_at', h.epochMs)
    .execute();
  await db.schema.createIndex('sync_jobs_status_due_index').on('sync_jobs').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('sync_jobs_order_status_index').on('sync_jobs').columns(['id_order', 'status']).execute();

  await h.createTable('sync_log', 'id_sync_log')
    .addColumn('id_sync_job', 'integer')
    .addColumn('id_order', 'integer')
    .addColumn('id_store', 'integer')
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('message', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_at', h.epochMs, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_log_order_index').on('sync_log').column('id_order').execute();

  await h.createTable('stock_movements', 'id_stock_movement')
    .addColumn('id_order', 'integer', (c) => c.notNull().references('orders.id_order').onDelete('cascade'))
    .addColumn('id_product', 'integer', (c) => c.notNull().references('products.id_product'))
    .addColumn('id_order_state', 'integer', (c) => c.notNull())
    .addColumn('movement', 'varchar(10)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('created_at', h.epochMs, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stock_movements_order_index').on('stock_movements').column('id_order').execute();

  await db.schema.createTable('app_locks')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('owner', 'varchar(100)', (c) => c.notNull())
    .addColumn('lease_until', h.epochMs, (c) => c.notNull())
    .execute();

  await db.schema.createTable('app_settings')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(1000)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'app_settings', 'app_locks', 'stock_movements', 'sync_log', 'sync_jobs', 'platform_state_triggers',
    'orders_history', 'order_details', 'orders', 'ecommerce_order_states', 'products', 'addresses',
    'customers', 'shipments', 'shipping_state', 'order_states', 'countries', 'languages', 'stores', 'platforms',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
