import type { StateRef, StateType } from './transition-types.js';

type Role = 'progress' | 'cancel' | 'refund' | 'error' | 'hold' | 'return';

/** Recognised by name (Italian and English), so that a back office's own states get a sensible start. */
const ROLE_PATTERNS: Array<[Role, RegExp]> = [
  ['cancel', /annull|cancel/i],
  ['refund', /rimbors|refund/i],
  ['error', /errore|error|fallit|failed/i],
  ['return', /reso|return/i],
  ['hold', /giacenza|held|hold|eccezion|exception/i],
];

function roleOf(name: string): Role {
  return ROLE_PATTERNS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'progress';
}

export interface ProposedTransition {
  id_state_from: number;
  id_state_to: number;
}

/**
 * A starting graph from the local states, to be reviewed before it is written. The states that are
 * not cancellations, refunds, errors, holds or returns form the normal path in id order (1 → 2 → …):
 * each may go forward to any later one. Order states: the path may be cancelled before its last
 * step and refunded after its first; cancelled and refunded are final; a payment error goes back to
 * the first two steps or is cancelled. Shipping states: a shipment in transit may be held, a held
 * one goes back on its way or is returned; returned is final.
 */
export function proposeTransitions(stateType: StateType, states: readonly StateRef[]): ProposedTransition[] {
  const sorted = [...states].sort((a, b) => a.id - b.id);
  const byRole = (role: Role) => sorted.filter((s) => roleOf(s.name) === role);
  const path = byRole('progress');
  const out: ProposedTransition[] = [];
  const add = (from: StateRef, to: StateRef) => { if (from.id !== to.id) out.push({ id_state_from: from.id, id_state_to: to.id }); };
  path.forEach((from, i) => { for (const to of path.slice(i + 1)) add(from, to); });
  const last = path.at(-1);
  const first = path[0];
  if (stateType === 'order_state') {
    for (const cancel of byRole('cancel')) for (const from of path) if (from !== last) add(from, cancel);
    for (const refund of byRole('refund')) for (const from of path) if (from !== first) add(from, refund);
    for (const error of byRole('error')) {
      if (first) add(first, error);
      for (const to of path.slice(0, 2)) add(error, to);
      for (const cancel of byRole('cancel')) add(error, cancel);
    }
  } else {
    const moving = path.slice(1, -1);
    for (const hold of byRole('hold')) {
      for (const from of moving) add(from, hold);
      for (const to of moving) add(hold, to);
      if (last) add(hold, last);
    }
    for (const ret of byRole('return')) {
      for (const from of [...moving, ...byRole('hold')]) add(from, ret);
    }
  }
  return out.sort((a, b) => a.id_state_from - b.id_state_from || a.id_state_to - b.id_state_to);
}
