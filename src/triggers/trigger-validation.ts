import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { StoreRow } from '../stores/store-repository.js';
import { TRIGGER_KINDS, triggerKindOf, type ActiveTriggerKey, type TriggerKind } from '../sync/trigger-target.js';
import { findActiveTrigger } from './trigger-repository.js';
import { isTriggerEventType, stateTypeFor, TRIGGER_EVENT_TYPES, type TriggerEventType, type TriggerStateType } from './trigger-types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The event type, and the state type that follows from it; a state type that disagrees is refused. */
export function checkEventAndStateType(eventType: unknown, stateType: unknown): { eventType: TriggerEventType; stateType: TriggerStateType; kind: TriggerKind } {
  if (!isTriggerEventType(eventType)) {
    throw new ValidationError('INVALID_EVENT_TYPE', `event type must be one of ${TRIGGER_EVENT_TYPES.join(', ')}, got ${JSON.stringify(eventType)}`);
  }
  const expected = stateTypeFor(eventType);
  if (stateType !== undefined && stateType !== null && stateType !== expected) {
    throw new ValidationError('STATE_TYPE_MISMATCH', `event type ${eventType} maps ${expected} states, not ${JSON.stringify(stateType)}`, {
      hint: `Leave the state type out (it follows from the event type) or use ${expected}.`,
    });
  }
  return { eventType, stateType: expected, kind: triggerKindOf(eventType)! };
}

/** The local state exists in the table its state type names; returns its name. */
export async function checkLocalState(db: Db, stateType: TriggerStateType, localStateId: number): Promise<string> {
  const row = stateType === 'order_state'
    ? await db.selectFrom('order_states').select('name').where('id_order_state', '=', localStateId).executeTakeFirst()
    : await db.selectFrom('shipping_state').select('name').where('id_shipping_state', '=', localStateId).executeTakeFirst();
  if (!row) {
    const list = stateType === 'order_state' ? 'order_states' : 'shipping_state';
    throw new ValidationError('LOCAL_STATE_NOT_FOUND', `local ${stateType.replace('_', ' ')} ${localStateId} does not exist (table ${list})`);
  }
  return row.name;
}

export interface UsablePlatformState {
  id_ecommerce_order_state: number;
  id_platform_state: number;
  name: string;
}

/**
 * A platform state of THAT store's pulled catalogue, neither deleted on the platform nor gone
 * from it. A state of another store would push a meaningless id to this store's shop.
 */
export async function checkPlatformState(db: Db, store: StoreRow, platformState: number | string): Promise<UsablePlatformState> {
  // The spec's integer, or the platform's own code (`fulfilled`, `completed`, PrestaShop's id as text).
  const byId = typeof platformState === 'number' || /^\d+$/.test(platformState);
  const platformStateId = byId ? Number(platformState) : platformState;
  const row = await db.selectFrom('ecommerce_order_states')
    .select(['id_ecommerce_order_state', 'id_platform_state', 'name', 'is_deleted', 'is_missing'])
    .where('id_store', '=', store.id_store)
    .where(byId ? 'id_platform_state' : 'code', '=', platformStateId)
    .executeTakeFirst();
  const label = `store ${store.name} (#${store.id_store})`;
  if (!row) {
    const elsewhere = await db.selectFrom('ecommerce_order_states as s')
      .innerJoin('stores', 'stores.id_store', 's.id_store')
      .select(['stores.name', 's.id_store'])
      .where(byId ? 's.id_platform_state' : 's.code', '=', platformStateId)
      .execute();
    const count = await db.selectFrom('ecommerce_order_states').select((eb) => eb.fn.countAll<number>().as('n')).where('id_store', '=', store.id_store).executeTakeFirstOrThrow();
    const pulled = Number(count.n) > 0;
    throw new ValidationError(
      elsewhere.length > 0 ? 'PLATFORM_STATE_OTHER_STORE' : 'PLATFORM_STATE_NOT_FOUND',
      elsewhere.length > 0
        ? `platform state ${platformStateId} is not in the catalogue of ${label} (only of ${elsewhere.map((e) => `${e.name} (#${e.id_store})`).join(', ')}): a trigger maps states of its own store`
        : `platform state ${platformStateId} is not in the pulled catalogue of ${label}`,
      {
        hint: pulled
          ? `Run \`ecom-sync states list --store ${store.id_store}\` for its states (ids and codes), or \`ecom-sync states pull --store ${store.id_store}\` if the state is new.`
          : `No states pulled for this store yet: run \`ecom-sync states pull --store ${store.id_store}\`.`,
      },
    );
  }
  if (Number(row.is_deleted) !== 0 || Number(row.is_missing) !== 0) {
    const why = Number(row.is_deleted) !== 0 ? 'was deleted on the platform' : 'is no longer listed by the platform';
    throw new ValidationError('PLATFORM_STATE_FLAGGED', `platform state ${platformStateId} "${row.name}" of ${label} ${why} and cannot be a trigger target`, {
      hint: `Pick another state: ecom-sync states list --store ${store.id_store}`,
    });
  }
  return { id_ecommerce_order_state: row.id_ecommerce_order_state, id_platform_state: row.id_platform_state, name: row.name };
}

export function duplicateTriggerError(existingId: number, key: ActiveTriggerKey): ConflictError {
  return new ConflictError('TRIGGER_DUPLICATE', `an active trigger already maps ${TRIGGER_KINDS[key.kind].eventType} to local state ${key.localStateId} in store #${key.storeId}: trigger #${existingId}`, {
    hint: `Disable or remove it first (ecom-sync triggers disable ${existingId}), or add this one with --inactive.`,
    details: { existing_trigger: existingId },
  });
}

/** At most one active trigger per (store, event, state type, local state): the DB enforces it too. */
export async function checkNoActiveDuplicate(db: Db, key: ActiveTriggerKey): Promise<void> {
  const existing = await findActiveTrigger(db, key);
  if (existing) throw duplicateTriggerError(existing.id_trigger, key);
}
