import { ValidationError } from '../errors.js';
import type { Db } from '../sync/sync-job-repository.js';
import type { TriggerKind } from '../sync/trigger-target.js';

export interface LocalState {
  id: number;
  name: string;
}

/** Every local state of a kind: `order_states` or `shipping_state` (small tables). */
export async function listLocalStates(db: Db, kind: TriggerKind): Promise<LocalState[]> {
  if (kind === 'order') {
    return (await db.selectFrom('order_states').select(['id_order_state as id', 'name']).orderBy('id_order_state').execute());
  }
  return (await db.selectFrom('shipping_state').select(['id_shipping_state as id', 'name']).orderBy('id_shipping_state').execute());
}

/** A local state by id (a number or digits) or by its exact name; INVALID_STATE (422, exit 2) otherwise. */
export async function resolveLocalState(db: Db, kind: TriggerKind, state: number | string): Promise<LocalState> {
  const states = await listLocalStates(db, kind);
  const text = String(state).trim();
  const found = /^\d+$/.test(text) ? states.find((s) => s.id === Number(text)) : states.find((s) => s.name === text);
  if (found) return found;
  const what = kind === 'order' ? 'order state' : 'shipping state';
  throw new ValidationError('INVALID_STATE', `${what} ${JSON.stringify(text)} does not exist`, {
    hint: `Use an id or an exact name: ${states.map((s) => `${s.id} ${s.name}`).join(', ')}.`,
  });
}
