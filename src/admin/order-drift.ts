import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import { whereActiveTrigger } from '../sync/trigger-target.js';

type Db = Kysely<Database>;

export interface DriftRow {
  id_order: number;
  reference: string | null;
  id_store: number;
  store_name: string;
  id_order_state: number;
  order_state: string | null;
  /** What the platform shows now (ecommerce_order_states of the order). */
  platform_state: { id: number; id_platform_state: number; name: string };
  /** What the local state maps to through the active trigger. */
  expected_state: { id: number; id_platform_state: number; name: string; id_trigger: number };
  /** A local state whose active trigger targets the platform's state: "accept platform" sets it. */
  accept_state: { id_order_state: number; name: string | null } | null;
}

/**
 * Orders whose platform state differs from the one their local state maps to: the platform was
 * changed by hand, or a push was lost. Orders with a push pending or in flight are not drift yet.
 */
function driftQuery(db: Db) {
  const joined = db.selectFrom('orders as o')
    .innerJoin('platform_state_triggers as t', (join) => join
      .onRef('t.id_store', '=', 'o.id_store')
      .onRef('t.id_state_local', '=', 'o.id_order_state'));
  // The order's active trigger, matched as everywhere else (src/sync/trigger-target.ts).
  return whereActiveTrigger(joined, 'order')
    .innerJoin('ecommerce_order_states as expected', 'expected.id_ecommerce_order_state', 't.id_state_platform')
    .innerJoin('ecommerce_order_states as actual', 'actual.id_ecommerce_order_state', 'o.id_ecommerce_state')
    .innerJoin('stores', 'stores.id_store', 'o.id_store')
    .leftJoin('order_states', 'order_states.id_order_state', 'o.id_order_state')
    .whereRef('o.id_ecommerce_state', '<>', 't.id_state_platform')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sync_jobs as j').select('j.id_sync_job')
      .whereRef('j.id_order', '=', 'o.id_order').where('j.status', 'in', ['pending', 'running']))));
}

export async function countDrift(db: Db): Promise<number> {
  const row = await driftQuery(db).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listDrift(db: Db, options: { storeId?: number; orderId?: number; limit?: number } = {}): Promise<DriftRow[]> {
  let query = driftQuery(db)
    .select([
      'o.id_order', 'o.reference', 'o.id_store', 'stores.name as store_name', 'o.id_order_state', 'order_states.name as order_state',
      'actual.id_ecommerce_order_state as actual_id', 'actual.id_platform_state as actual_platform', 'actual.name as actual_name',
      'expected.id_ecommerce_order_state as expected_id', 'expected.id_platform_state as expected_platform', 'expected.name as expected_name', 't.id_trigger',
    ])
    .orderBy('o.id_order', 'desc')
    .limit(options.limit ?? 200);
  if (options.storeId !== undefined) query = query.where('o.id_store', '=', options.storeId);
  if (options.orderId !== undefined) query = query.where('o.id_order', '=', options.orderId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  // The reverse mapping for "accept platform", one query for the whole page.
  const reverse = await whereActiveTrigger(db.selectFrom('platform_state_triggers as t')
    .leftJoin('order_states', 'order_states.id_order_state', 't.id_state_local')
    .select(['t.id_state_platform', 't.id_state_local', 'order_states.name']), 'order')
    .where('t.id_state_platform', 'in', [...new Set(rows.map((r) => r.actual_id))])
    .orderBy('t.id_trigger')
    .execute();
  const byPlatform = new Map<number, { id_order_state: number; name: string | null }>();
  for (const r of reverse) if (!byPlatform.has(r.id_state_platform)) byPlatform.set(r.id_state_platform, { id_order_state: r.id_state_local, name: r.name ?? null });
  return rows.map((r) => ({
    id_order: r.id_order,
    reference: r.reference,
    id_store: r.id_store as number,
    store_name: r.store_name,
    id_order_state: r.id_order_state,
    order_state: r.order_state ?? null,
    platform_state: { id: r.actual_id, id_platform_state: r.actual_platform, name: r.actual_name },
    expected_state: { id: r.expected_id, id_platform_state: r.expected_platform, name: r.expected_name, id_trigger: r.id_trigger },
    accept_state: byPlatform.get(r.actual_id) ?? null,
  }));
}

export async function findDrift(db: Db, orderId: number): Promise<DriftRow | undefined> {
  return (await listDrift(db, { orderId, limit: 1 }))[0];
}
