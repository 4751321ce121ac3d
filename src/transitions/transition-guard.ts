import type { App } from '../app-types.js';
import type { Config, TransitionMode } from '../config/config-types.js';
import { listLocalStates } from '../orders/resolve-local-state.js';
import { loadTriggerTargets, triggerKey, type TriggerKind, type TriggerTarget } from '../sync/trigger-target.js';
import { allowedNext, buildGraph, checkGraph, type TransitionGraph } from './transition-graph.js';
import { loadFinalPlatformStates, type FinalPlatformState } from './platform-final-states.js';
import { InvalidTransitionError } from './transition-errors.js';
import { selectTransitions } from './transition-repository.js';
import { stateTypeOf, type StateType, type TransitionOverride, type TransitionVerdict, type TransitionViolation } from './transition-types.js';

/** The order columns a verdict needs. */
export interface GuardedOrder {
  id_order: number;
  id_store: number | null;
  id_ecommerce_state: number | null;
}

/**
 * The transition rules of one state type, loaded once per change or batch (a fixed handful of
 * queries, none per row), and the one place that judges a change: single, shipping, bulk and REST
 * all call `judge`.
 */
export interface TransitionGuard {
  mode: TransitionMode;
  stateType: StateType;
  judge(order: GuardedOrder, from: number | null, to: number, override?: TransitionOverride): TransitionVerdict;
}

interface GuardData {
  graph: TransitionGraph;
  names: Map<number, string>;
  finals: Map<number, FinalPlatformState>;
  /** Active triggers of this kind; for order states also the source of "the order is final". */
  triggers: Map<string, TriggerTarget>;
}

/**
 * Loads the guard; `mode` defaults to transitions.mode. With mode off it reads nothing and judges
 * every change `unchecked`, so the spec's behaviour costs no query.
 */
export async function loadTransitionGuard(app: Pick<App, 'db'> & { config: Pick<Config, 'transitions'> }, kind: TriggerKind, mode: TransitionMode = app.config.transitions.mode): Promise<TransitionGuard> {
  const stateType = stateTypeOf(kind);
  if (mode === 'off') {
    return { mode, stateType, judge: (_order, from, to) => ({ outcome: 'unchecked', state_type: stateType, from, to, violations: [], allowed_next: [] }) };
  }
  const [rules, states, finals, triggers] = await Promise.all([
    selectTransitions(app.db, stateType),
    listLocalStates(app.db, kind),
    loadFinalPlatformStates(app.db, app.config.transitions.final_platform_states),
    loadTriggerTargets(app.db, kind),
  ]);
  const data: GuardData = { graph: buildGraph(rules), names: new Map(states.map((s) => [s.id, s.name])), finals, triggers };
  return {
    mode,
    stateType,
    judge(order, from, to, override = {}) {
      const violations: TransitionViolation[] = [];
      const graphViolation = checkGraph(data.graph, from, to, data.names);
      if (graphViolation) violations.push(graphViolation);
      const finalViolation = checkPlatformFinal(data, kind, order, from, to);
      if (finalViolation) violations.push(finalViolation);
      const outcome = violations.length === 0 ? 'allowed' : override.force === true ? 'forced' : mode === 'warn' ? 'warned' : 'refused';
      return { outcome, state_type: stateType, from, to, violations, allowed_next: allowedNext(data.graph, from, data.names) };
    },
  };
}

/**
 * An order whose platform order reached a final state (by its last known platform state, or by
 * the trigger of its current local state) cannot be moved there to a non-final one: the platform
 * would refuse or ignore the push. A change whose new state has no trigger pushes nothing: fine.
 */
function checkPlatformFinal(data: GuardData, kind: TriggerKind, order: GuardedOrder, from: number | null, to: number): TransitionViolation | null {
  if (order.id_store === null || from === to) return null;
  const target = data.triggers.get(triggerKey(order.id_store, to));
  if (!target || data.finals.has(target.id_ecommerce_order_state)) return null;
  let final = order.id_ecommerce_state === null ? undefined : data.finals.get(order.id_ecommerce_state);
  if (!final && kind === 'order' && from !== null) {
    const current = data.triggers.get(triggerKey(order.id_store, from));
    if (current) final = data.finals.get(current.id_ecommerce_order_state);
  }
  if (!final) return null;
  return {
    rule: 'platform_final',
    platform: final.platform,
    platform_state: final.state,
    message: `the ${final.platform} order is in its final state "${final.state}" (${final.rule}); the trigger of state ${to} would push "${target.platform_state_name}", which ${final.platform} cannot apply to it`,
  };
}

/** The line a warned or forced change leaves in the log and in `warnings`. */
export function verdictWarning(orderId: number, verdict: TransitionVerdict, reason?: string | null): string | null {
  if (verdict.outcome !== 'warned' && verdict.outcome !== 'forced') return null;
  const what = verdict.violations.map((v) => v.message).join('; ');
  return verdict.outcome === 'forced'
    ? `order ${orderId}: ${what} — applied by override (reason: ${reason ?? ''})`
    : `order ${orderId}: ${what} — applied anyway (transitions.mode warn)`;
}

/** judge, and throw INVALID_TRANSITION (409) when enforce mode refuses: what a single change calls. */
export function enforceTransition(guard: TransitionGuard, order: GuardedOrder, from: number | null, to: number, override?: TransitionOverride): TransitionVerdict {
  const verdict = guard.judge(order, from, to, override);
  if (verdict.outcome === 'refused') throw new InvalidTransitionError(verdict, order.id_order);
  return verdict;
}
