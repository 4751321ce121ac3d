import type { TransitionsConfig } from '../config/config-types.js';
import type { Db } from '../sync/sync-job-repository.js';

/** A platform state an order cannot leave on its platform (Shopify `cancelled`, WooCommerce `refunded`). */
export interface FinalPlatformState {
  id_ecommerce_order_state: number;
  id_store: number;
  /** platforms.name, e.g. Shopify. */
  platform: string;
  /** The state's name in the store's catalogue. */
  state: string;
  /** The config key that makes it final, for messages. */
  rule: string;
}

type FinalLists = TransitionsConfig['final_platform_states'];

/**
 * Whether a platform state is final by the per-platform list (`transitions.final_platform_states.<platform>`):
 * its code (the platform's own id, as text) or its name, case-insensitive. Pure.
 */
export function finalRuleFor(lists: FinalLists, platform: string, state: { id_platform_state: number; name: string; code?: string | null }): string | null {
  const key = platform.trim().toLowerCase() as keyof FinalLists;
  const list = lists[key];
  if (!Array.isArray(list) || list.length === 0) return null;
  const candidates = [state.code, state.name, String(state.id_platform_state)].filter((v): v is string => typeof v === 'string').map((v) => v.trim().toLowerCase());
  const hit = list.find((entry) => candidates.includes(entry.trim().toLowerCase()));
  return hit === undefined ? null : `transitions.final_platform_states.${key}: ${hit}`;
}

/** Every final platform state of every store, keyed by ecommerce_order_states id: one query. */
export async function loadFinalPlatformStates(db: Db, lists: FinalLists): Promise<Map<number, FinalPlatformState>> {
  const out = new Map<number, FinalPlatformState>();
  if (Object.values(lists).every((list) => list.length === 0)) return out;
  const rows = await db.selectFrom('ecommerce_order_states as s')
    .innerJoin('stores', 'stores.id_store', 's.id_store')
    .innerJoin('platforms', 'platforms.id_platform', 'stores.id_platform')
    .select(['s.id_ecommerce_order_state', 's.id_store', 's.id_platform_state', 's.name', 'platforms.name as platform'])
    .execute();
  for (const row of rows) {
    const rule = finalRuleFor(lists, row.platform, row);
    if (rule !== null) out.set(row.id_ecommerce_order_state, { id_ecommerce_order_state: row.id_ecommerce_order_state, id_store: row.id_store, platform: row.platform, state: row.name, rule });
  }
  return out;
}
