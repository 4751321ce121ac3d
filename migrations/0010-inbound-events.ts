import type { Kysely } from 'kysely';
import { schemaHelpers } from '../src/db/schema-helpers.js';

/**
 * The webhook inbox: every accepted delivery is stored before it is answered, then processed by
 * the daemon. `dedup_key` is unique per store, so a delivery repeated by the platform is stored
 * once. Also the stores' webhook secrets, kept like their keys (the value, or a variable's name).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const h = schemaHelpers(db);
  await h.createTable('inbound_events', 'id_inbound_event')
    .addColumn('id_store', 'integer', (c) => c.notNull().references('stores.id_store').onDelete('cascade'))
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('topic', 'varchar(100)', (c) => c.notNull())
    .addColumn('dedup_key', 'varchar(200)', (c) => c.notNull())
    // The platform's order id the event is about, when the body names one (text: Shopify ids pass 2^31).
    .addColumn('id_origin', 'varchar(40)')
    .addColumn('received_at', h.epochMs, (c) => c.notNull())
    // The order's updated-at according to the event (ISO 8601 UTC), when the body says it.
    .addColumn('platform_updated_at', 'varchar(40)')
    .addColumn('payload', h.longText, (c) => c.notNull())
    .addColumn('processed_at', h.epochMs)
    // pending | imported | updated | drift | unchanged | stale | own_push | ignored | failed
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('detail', 'varchar(1000)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'varchar(100)')
    .addColumn('lease_until', h.epochMs)
    .addUniqueConstraint('inbound_events_store_dedup_unique', ['id_store', 'dedup_key'])
    .execute();
  await db.schema.createIndex('inbound_events_outcome_index').on('inbound_events').columns(['outcome', 'received_at']).execute();

  await db.schema.alterTable('stores').addColumn('webhook_secret', 'varchar(255)').execute();
  await db.schema.alterTable('stores').addColumn('webhook_secret_env', 'varchar(100)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('stores').dropColumn('webhook_secret_env').execute();
  await db.schema.alterTable('stores').dropColumn('webhook_secret').execute();
  await db.schema.dropTable('inbound_events').execute();
}
