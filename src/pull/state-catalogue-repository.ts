import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';
import { isoFromStored } from '../dates/iso-date.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PulledState {
  id_ecommerce_order_state: number;
  id_store: number;
  store_name: string;
  id_platform_state: number;
  /** The platform's own key (PrestaShop's id as text, a WooCommerce slug, a Shopify action). */
  code: string | null;
  name: string;
  platform_name: string;
  is_deleted: boolean;
  is_missing: boolean;
  send_email: boolean;
  date_add: string;
  updated_at: string;
}

/** The pulled catalogue, by store then platform id; flagged (deleted/missing) states only when asked. */
export async function listPulledStates(db: Db, options: { storeId?: number; includeFlagged?: boolean } = {}): Promise<PulledState[]> {
  let query = db.selectFrom('ecommerce_order_states as s')
    .innerJoin('stores', 'stores.id_store', 's.id_store')
    .select([
      's.id_ecommerce_order_state', 's.id_store', 'stores.name as store_name', 's.id_platform_state', 's.code', 's.name', 's.platform_name',
      's.is_deleted', 's.is_missing', 's.send_email', 's.date_add', 's.updated_at',
    ])
    .orderBy('s.id_store')
    .orderBy('s.id_platform_state');
  if (options.storeId !== undefined) query = query.where('s.id_store', '=', options.storeId);
  if (!options.includeFlagged) query = query.where('s.is_deleted', '=', 0).where('s.is_missing', '=', 0);
  const rows = await query.execute();
  return rows.map((row) => ({
    ...row,
    is_deleted: Number(row.is_deleted) !== 0,
    is_missing: Number(row.is_missing) !== 0,
    send_email: Number(row.send_email) !== 0,
    date_add: isoFromStored(row.date_add),
    updated_at: isoFromStored(row.updated_at),
  }));
}
