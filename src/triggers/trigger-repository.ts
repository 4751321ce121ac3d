import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';
import { fail } from '../errors.js';
import { whereActiveTrigger, type ActiveTriggerKey } from '../sync/trigger-target.js';
import type { TriggerView } from './trigger-types.js';
import { isoFromStored } from '../dates/iso-date.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Triggers with their store, local state and platform state names, in one query. */
function selectTriggerViews(db: Db) {
  return db.selectFrom('platform_state_triggers as t')
    .innerJoin('stores', 'stores.id_store', 't.id_store')
    .leftJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 't.id_state_platform')
    .leftJoin('order_states as os', (join) => join.onRef('os.id_order_state', '=', 't.id_state_local').on('t.state_type', '=', 'order_state'))
    .leftJoin('shipping_state as ss', (join) => join.onRef('ss.id_shipping_state', '=', 't.id_state_local').on('t.state_type', '=', 'shipping_state'))
    .select([
      't.id_trigger', 't.event_type', 't.id_store', 't.state_type', 't.id_state_local', 't.id_state_platform', 't.is_active', 't.send_email',
      't.created_at', 't.updated_at', 'stores.name as store_name', 'os.name as order_state_name', 'ss.name as shipping_state_name',
      's.id_platform_state', 's.name as platform_state_name', 's.id_store as platform_state_store', 's.is_deleted', 's.is_missing',
    ]);
}

type TriggerViewRow = Awaited<ReturnType<ReturnType<typeof selectTriggerViews>['executeTakeFirstOrThrow']>>;

function toView(row: TriggerViewRow): TriggerView {
  return {
    id_trigger: row.id_trigger,
    event_type: row.event_type,
    id_store: row.id_store,
    state_type: row.state_type,
    id_state_local: row.id_state_local,
    id_state_platform: row.id_state_platform,
    is_active: Number(row.is_active) !== 0,
    created_at: isoFromStored(row.created_at),
    updated_at: isoFromStored(row.updated_at),
    store_name: row.store_name,
    local_state_name: row.order_state_name ?? row.shipping_state_name ?? null,
    platform_state_id: row.id_platform_state ?? null,
    platform_state_name: row.platform_state_name ?? null,
    platform_state_store: row.platform_state_store ?? null,
    platform_state_flag: Number(row.is_deleted ?? 0) !== 0 ? 'deleted' : Number(row.is_missing ?? 0) !== 0 ? 'missing' : null,
    send_email: row.send_email === null ? null : Number(row.send_email) !== 0,
  };
}

export async function listTriggerViews(db: Db, options: { storeId?: number } = {}): Promise<TriggerView[]> {
  let query = selectTriggerViews(db).orderBy('t.id_store').orderBy('t.id_trigger');
  if (options.storeId !== undefined) query = query.where('t.id_store', '=', options.storeId);
  return (await query.execute()).map(toView);
}

export async function findTriggerView(db: Db, id: number): Promise<TriggerView | undefined> {
  const row = await selectTriggerViews(db).where('t.id_trigger', '=', id).executeTakeFirst();
  return row ? toView(row) : undefined;
}

export async function getTriggerView(db: Db, id: number): Promise<TriggerView> {
  const view = await findTriggerView(db, id);
  if (!view) throw fail('TRIGGER_NOT_FOUND', { id });
  return view;
}

/** The active trigger of (store, kind, local state) as a view, matched by `src/sync/trigger-target.ts`. */
export async function findActiveTrigger(db: Db, key: ActiveTriggerKey): Promise<TriggerView | undefined> {
  const row = await whereActiveTrigger(selectTriggerViews(db), key.kind, key).executeTakeFirst();
  return row ? toView(row) : undefined;
}

// The dialects' unique-violation codes live with the other database specifics.
export { isUniqueViolation } from '../db/unique-violation.js';
