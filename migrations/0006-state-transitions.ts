import type { Kysely } from 'kysely';
import { schemaHelpers } from '../src/db/schema-helpers.js';

/**
 * State transition rules: which local state may follow which, per state type (`order_state`,
 * `shipping_state`). No foreign keys on the states: the two types live in two tables. The reason
 * an admin gives for overriding a rule is kept with the history row of that change; the spec's
 * orders_history columns stay as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const h = schemaHelpers(db);
  await h.createTable('order_state_transitions', 'id_transition')
    .addColumn('state_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('id_state_from', 'integer', (c) => c.notNull())
    .addColumn('id_state_to', 'integer', (c) => c.notNull())
    .addColumn('date_add', h.dateTime, h.now)
    .addUniqueConstraint('order_state_transitions_unique', ['state_type', 'id_state_from', 'id_state_to'])
    .execute();
  await db.schema.alterTable('orders_history').addColumn('reason', 'varchar(500)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders_history').dropColumn('reason').execute();
  await db.schema.dropTable('order_state_transitions').execute();
}
