import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';

/**
 * WooCommerce e-mails the customer on its own for some statuses (processing, completed, on-hold,
 * refunded…) and its REST API cannot turn that off: a trigger to such a status says so, since
 * `--no-send-email` cannot promise silence there. Null for other platforms and silent statuses.
 */
export async function wooEmailNote(db: Kysely<Database>, storeId: number, idEcommerceOrderState: number): Promise<string | null> {
  const row = await db.selectFrom('ecommerce_order_states as s')
    .innerJoin('stores', 'stores.id_store', 's.id_store')
    .innerJoin('platforms', 'platforms.id_platform', 'stores.id_platform')
    .select(['s.code', 's.name', 's.send_email', 'platforms.name as platform_name'])
    .where('s.id_ecommerce_order_state', '=', idEcommerceOrderState)
    .where('s.id_store', '=', storeId)
    .executeTakeFirst();
  if (row === undefined || row.platform_name.trim().toLowerCase() !== 'woocommerce' || Number(row.send_email) === 0) return null;
  return `WooCommerce sends its own customer e-mail when an order becomes "${row.name}" (${row.code ?? ''}); the REST API cannot turn it off, so --no-send-email cannot promise silence for this status (turn the e-mail off in WooCommerce › Settings › Emails).`;
}
