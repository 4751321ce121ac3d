import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Active triggers of a store whose platform state was deleted on the platform or is no longer
 * listed: pushing to such a state fails or does something the admin no longer meant. Named one by
 * one so that the admin can fix them.
 */
export async function flaggedStateTriggerWarnings(db: Db, storeId: number): Promise<string[]> {
  const rows = await db.selectFrom('platform_state_triggers as t')
    .innerJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 't.id_state_platform')
    .select(['t.id_trigger', 't.event_type', 't.id_state_local', 's.id_platform_state', 's.name', 's.is_deleted', 's.is_missing'])
    .where('t.id_store', '=', storeId)
    .where('t.is_active', '<>', 0)
    .where((eb) => eb.or([eb('s.is_deleted', '<>', 0), eb('s.is_missing', '<>', 0)]))
    .orderBy('t.id_trigger')
    .execute();
  return rows.map((row) => {
    const why = Number(row.is_missing) !== 0 ? 'is no longer listed by the platform' : 'was deleted on the platform';
    return `trigger #${row.id_trigger} (${row.event_type}, local state ${row.id_state_local}) points to platform state ${row.id_platform_state} "${row.name}", which ${why}: `
      + `disable it (ecom-sync triggers disable ${row.id_trigger}) or map the local state to another platform state`;
  });
}
