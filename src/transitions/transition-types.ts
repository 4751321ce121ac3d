import type { TriggerKind } from '../sync/trigger-target.js';

/** The two local state types, as stored in order_state_transitions.state_type (the triggers' names). */
export const STATE_TYPES = ['order_state', 'shipping_state'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export function stateTypeOf(kind: TriggerKind): StateType {
  return kind === 'order' ? 'order_state' : 'shipping_state';
}

export function kindOf(stateType: StateType): TriggerKind {
  return stateType === 'order_state' ? 'order' : 'shipping';
}

/** One permitted step, with the state names for people. */
export interface TransitionRule {
  state_type: StateType;
  id_state_from: number;
  from_name: string | null;
  id_state_to: number;
  to_name: string | null;
}

export interface StateRef {
  id: number;
  name: string;
}

/** What the rules say about one change. */
export interface TransitionViolation {
  /** `transition`: the graph has no such step; `platform_final`: the platform order cannot leave its final state. */
  rule: 'transition' | 'platform_final';
  message: string;
  /** platform_final: the platform and its state the order is in. */
  platform?: string;
  platform_state?: string;
}

/**
 * unchecked: transitions.mode is off; allowed: no rule broken; warned: broken, applied (warn mode);
 * forced: broken, applied by an admin's override; refused: broken, not applied (enforce mode).
 */
export type TransitionOutcome = 'unchecked' | 'allowed' | 'warned' | 'forced' | 'refused';

export interface TransitionVerdict {
  outcome: TransitionOutcome;
  state_type: StateType;
  from: number | null;
  to: number;
  violations: TransitionViolation[];
  /** The states the graph allows after `from` (empty when the graph has no rules for this type). */
  allowed_next: StateRef[];
}

/** An admin's override: `--force --reason TEXT`, `"force": true, "reason": "…"`. */
export interface TransitionOverride {
  force?: boolean;
  reason?: string | null;
}
