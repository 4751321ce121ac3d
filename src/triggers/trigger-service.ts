import type { App } from '../app-types.js';
import { toDbTimestamp } from '../db/dialect.js';
import { insertReturningId } from '../db/insert-returning-id.js';
import { UsageError, ValidationError } from '../errors.js';
import { getStoreById } from '../stores/store-repository.js';
import type { ActiveTriggerKey } from '../sync/trigger-target.js';
import { findActiveTrigger, getTriggerView, isUniqueViolation, listTriggerViews } from './trigger-repository.js';
import type { CreateTriggerInput, TriggerView } from './trigger-types.js';
import { checkEventAndStateType, checkLocalState, checkNoActiveDuplicate, checkPlatformState, duplicateTriggerError } from './trigger-validation.js';

function positive(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be a positive whole number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Creates a mapping rule after every check the old implementation skipped: event and state type
 * agree, the local state exists, the platform state belongs to the same store and is usable, and
 * no other active trigger maps the same local state.
 */
export async function createTrigger(app: App, input: CreateTriggerInput): Promise<TriggerView> {
  const { eventType, stateType, kind } = checkEventAndStateType(input.eventType, input.stateType);
  const storeId = positive(input.storeId, 'store id');
  const localStateId = positive(input.localStateId, 'local state id');
  const platformStateId = typeof input.platformStateId === 'number' ? positive(input.platformStateId, 'platform state id') : input.platformStateId;
  const active = input.active ?? true;
  const store = await getStoreById(app.db, storeId);
  await checkLocalState(app.db, stateType, localStateId);
  const target = await checkPlatformState(app.db, store, platformStateId);
  const key: ActiveTriggerKey = { storeId, kind, localStateId };
  if (active) await checkNoActiveDuplicate(app.db, key);

  const now = toDbTimestamp(new Date(app.clock.now()));
  const values = {
    event_type: eventType,
    id_store: storeId,
    state_type: stateType,
    id_state_local: localStateId,
    id_state_platform: target.id_ecommerce_order_state,
    is_active: active ? 1 : 0,
    send_email: input.sendEmail === undefined || input.sendEmail === null ? null : input.sendEmail ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  const id = await guardActiveSlot(app, active, key, () => insertReturningId(app.db, 'platform_state_triggers', 'id_trigger', values));
  return getTriggerView(app.db, id);
}

export async function listTriggers(app: App, options: { storeId?: number } = {}): Promise<TriggerView[]> {
  if (options.storeId !== undefined) await getStoreById(app.db, options.storeId);
  return listTriggerViews(app.db, options);
}

export async function getTrigger(app: App, id: number): Promise<TriggerView> {
  return getTriggerView(app.db, id);
}

/** Enabling checks again what creating checked: the target must still be usable and the slot free. */
export async function setTriggerActive(app: App, id: number, active: boolean): Promise<TriggerView> {
  const trigger = await getTriggerView(app.db, id);
  if (trigger.is_active === active) return trigger;
  // Disabling needs no key; enabling checks the stored event and state types as creating did.
  let key: ActiveTriggerKey | undefined;
  if (active) {
    key = { storeId: trigger.id_store, kind: checkEventAndStateType(trigger.event_type, trigger.state_type).kind, localStateId: trigger.id_state_local, excludeId: id };
    const store = await getStoreById(app.db, trigger.id_store);
    if (trigger.platform_state_id === null || trigger.platform_state_store !== trigger.id_store) {
      throw new ValidationError('PLATFORM_STATE_OTHER_STORE', `trigger #${id} points to a platform state that is not in the catalogue of store ${store.name} (#${store.id_store})`, {
        hint: `Remove it (ecom-sync triggers remove ${id}) and add it again with a state of this store.`,
      });
    }
    await checkPlatformState(app.db, store, trigger.platform_state_id);
    await checkNoActiveDuplicate(app.db, key);
  }
  await guardActiveSlot(app, active, key, () => app.db.updateTable('platform_state_triggers')
    .set({ is_active: active ? 1 : 0, updated_at: toDbTimestamp(new Date(app.clock.now())) })
    .where('id_trigger', '=', id)
    .execute());
  return getTriggerView(app.db, id);
}

/** Removes the rule; sync jobs it created keep their own copy of the target and stay deliverable. */
export async function removeTrigger(app: App, id: number): Promise<TriggerView> {
  const trigger = await getTriggerView(app.db, id);
  await app.db.deleteFrom('platform_state_triggers').where('id_trigger', '=', id).execute();
  return trigger;
}

/**
 * Another process may take the active slot between the check and the write; the unique index then
 * refuses the write, reported as the same duplicate error the check gives, naming the winner.
 */
async function guardActiveSlot<T>(app: App, active: boolean, key: ActiveTriggerKey | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (active && key !== undefined && isUniqueViolation(error)) {
      const existing = await findActiveTrigger(app.db, key);
      throw duplicateTriggerError(existing?.id_trigger ?? 0, key);
    }
    throw error;
  }
}
