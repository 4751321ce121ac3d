import { chunks } from '../chunks.js';
import type { Db } from '../sync/sync-job-repository.js';
import type { StateType } from './transition-types.js';

export interface StoredTransition {
  state_type: StateType;
  id_state_from: number;
  id_state_to: number;
}

/** Every rule, or those of one type, ordered for stable output. */
export async function selectTransitions(db: Db, stateType?: StateType): Promise<StoredTransition[]> {
  let query = db.selectFrom('order_state_transitions').select(['state_type', 'id_state_from', 'id_state_to']);
  if (stateType !== undefined) query = query.where('state_type', '=', stateType);
  const rows = await query.orderBy('state_type').orderBy('id_state_from').orderBy('id_state_to').execute();
  return rows.map((r) => ({ ...r, state_type: r.state_type as StateType }));
}

const key = (r: StoredTransition) => `${r.state_type}:${r.id_state_from}:${r.id_state_to}`;

/** Inserts the rules not stored yet (call inside a transaction); returns those added. */
export async function insertTransitions(trx: Db, rules: readonly StoredTransition[]): Promise<StoredTransition[]> {
  if (rules.length === 0) return [];
  const existing = new Set((await selectTransitions(trx)).map(key));
  const seen = new Set<string>();
  const added = rules.filter((r) => {
    const k = key(r);
    if (existing.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  for (const part of chunks(added, 300)) await trx.insertInto('order_state_transitions').values(part.map((r) => ({ ...r }))).execute();
  return added;
}

/** Removes one rule; returns the number removed (0 or 1). */
export async function deleteTransition(trx: Db, rule: StoredTransition): Promise<number> {
  const result = await trx.deleteFrom('order_state_transitions')
    .where('state_type', '=', rule.state_type).where('id_state_from', '=', rule.id_state_from).where('id_state_to', '=', rule.id_state_to)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteTransitionsOfType(trx: Db, stateType: StateType): Promise<number> {
  const result = await trx.deleteFrom('order_state_transitions').where('state_type', '=', stateType).executeTakeFirst();
  return Number(result.numDeletedRows);
}
