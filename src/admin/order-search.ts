import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import { isoFromStored } from '../dates/iso-date.js';

type Db = Kysely<Database>;

/** Orders by id (all digits) or by reference (case-insensitive prefix), newest first. */
export async function searchOrders(db: Db, text: string, limit = 20) {
  const q = text.trim();
  let query = db.selectFrom('orders as o')
    .leftJoin('stores', 'stores.id_store', 'o.id_store')
    .leftJoin('order_states', 'order_states.id_order_state', 'o.id_order_state')
    .leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'o.id_ecommerce_state')
    .select(['o.id_order', 'o.reference', 'o.id_store', 'stores.name as store_name', 'o.id_origin', 'o.id_order_state', 'order_states.name as order_state', 'e.name as platform_state', 'o.total_price_with_tax', 'o.date_upd'])
    .orderBy('o.id_order', 'desc')
    .limit(limit);
  if (q !== '') {
    // Wildcards are dropped rather than escaped: LIKE escapes differ between the three dialects.
    const like = `${q.toUpperCase().replace(/[\\%_]/g, '')}%`;
    query = query.where((eb) => {
      const byReference = eb(eb.fn('upper', ['o.reference']), 'like', like);
      return /^\d{1,9}$/.test(q) ? eb.or([eb('o.id_order', '=', Number(q)), eb('o.id_origin', '=', Number(q)), byReference]) : byReference;
    });
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, total_price_with_tax: Number(r.total_price_with_tax), date_upd: isoFromStored(r.date_upd) }));
}
