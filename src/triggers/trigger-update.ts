import type { App } from '../app-types.js';
import { toDbTimestamp } from '../db/dialect.js';
import { UsageError } from '../errors.js';
import { getStoreById } from '../stores/store-repository.js';
import { getTriggerView } from './trigger-repository.js';
import type { TriggerView } from './trigger-types.js';
import { checkPlatformState } from './trigger-validation.js';

export interface UpdateTriggerInput {
  /** The platform's own state id in the trigger's store catalogue. */
  platformStateId?: number | string;
  /** true/false override the store and config; null inherits them. */
  sendEmail?: boolean | null;
}

/**
 * Changes where a trigger points and its e-mail switch, with the checks creating makes. The key
 * (store, event, local state) stays: a different key is a different trigger.
 */
export async function updateTrigger(app: App, id: number, input: UpdateTriggerInput): Promise<TriggerView> {
  const trigger = await getTriggerView(app.db, id);
  if (input.platformStateId === undefined && input.sendEmail === undefined) {
    throw new UsageError('INVALID_ARGUMENT', 'nothing to change: give a platform state or the e-mail switch');
  }
  const set: { id_state_platform?: number; send_email?: 0 | 1 | null; updated_at: string } = { updated_at: toDbTimestamp(new Date(app.clock.now())) };
  if (input.platformStateId !== undefined) {
    const store = await getStoreById(app.db, trigger.id_store);
    set.id_state_platform = (await checkPlatformState(app.db, store, input.platformStateId)).id_ecommerce_order_state;
  }
  if (input.sendEmail !== undefined) set.send_email = input.sendEmail === null ? null : input.sendEmail ? 1 : 0;
  await app.db.updateTable('platform_state_triggers').set(set).where('id_trigger', '=', id).execute();
  return getTriggerView(app.db, id);
}
