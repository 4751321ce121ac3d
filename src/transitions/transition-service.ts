import type { App } from '../app-types.js';
import type { TransitionMode } from '../config/config-types.js';
import { ConflictError, fail, NotFoundError, UsageError, ValidationError } from '../errors.js';
import { listLocalStates } from '../orders/resolve-local-state.js';
import type { TriggerKind } from '../sync/trigger-target.js';
import { findState } from './find-state.js';
import { loadFinalPlatformStates } from './platform-final-states.js';
import { proposeTransitions } from './propose-transitions.js';
import { parseTransitionsYaml, renderTransitionsYaml, type StatesByType } from './transition-file.js';
import { loadTransitionGuard } from './transition-guard.js';
import { deleteTransition, deleteTransitionsOfType, insertTransitions, selectTransitions, type StoredTransition } from './transition-repository.js';
import { STATE_TYPES, type StateRef, type StateType, type TransitionRule, type TransitionVerdict } from './transition-types.js';

async function statesByType(app: App): Promise<StatesByType> {
  const [order, shipping] = await Promise.all([listLocalStates(app.db, 'order'), listLocalStates(app.db, 'shipping')]);
  return { order_state: order, shipping_state: shipping };
}

function named(rules: readonly StoredTransition[], states: StatesByType): TransitionRule[] {
  const name = (type: StateType, id: number) => states[type].find((s) => s.id === id)?.name ?? null;
  return rules.map((r) => ({ ...r, from_name: name(r.state_type, r.id_state_from), to_name: name(r.state_type, r.id_state_to) }));
}

function resolve(states: StatesByType, type: StateType, value: unknown, what: string): StateRef {
  const found = findState(states[type], value);
  if (found) return found;
  throw new ValidationError('INVALID_STATE', `${what}: ${type.replace('_', ' ')} ${JSON.stringify(String(value ?? ''))} does not exist`, {
    hint: `Use an id or an exact name: ${states[type].map((s) => `${s.id} ${s.name}`).join(', ')}.`,
  });
}

/** A trigger whose platform state is final on its platform (Shopify `cancelled`, WooCommerce `refunded`). */
export interface FinalTrigger {
  id_trigger: number;
  id_store: number;
  state_type: string;
  id_state_local: number;
  platform: string;
  platform_state: string;
  rule: string;
}

export interface TransitionList {
  mode: TransitionMode;
  transitions: TransitionRule[];
  final_triggers: FinalTrigger[];
}

export async function listTransitionRules(app: App, options: { stateType?: StateType } = {}): Promise<TransitionList> {
  const [rules, states, finals] = await Promise.all([
    selectTransitions(app.db, options.stateType),
    statesByType(app),
    loadFinalPlatformStates(app.db, app.config.transitions.final_platform_states),
  ]);
  let finalTriggers: FinalTrigger[] = [];
  if (finals.size > 0) {
    let query = app.db.selectFrom('platform_state_triggers').select(['id_trigger', 'id_store', 'state_type', 'id_state_local', 'id_state_platform'])
      .where('id_state_platform', 'in', [...finals.keys()]);
    if (options.stateType !== undefined) query = query.where('state_type', '=', options.stateType);
    finalTriggers = (await query.orderBy('id_trigger').execute()).map((t) => {
      const f = finals.get(t.id_state_platform)!;
      return { id_trigger: t.id_trigger, id_store: t.id_store, state_type: t.state_type, id_state_local: t.id_state_local, platform: f.platform, platform_state: f.state, rule: f.rule };
    });
  }
  return { mode: app.config.transitions.mode, transitions: named(rules, states), final_triggers: finalTriggers };
}

export interface TransitionChangeInput {
  stateType?: StateType;
  from: number | string;
  to: number | string;
  bothWays?: boolean;
}

function pairs(states: StatesByType, input: TransitionChangeInput): StoredTransition[] {
  const type = input.stateType ?? 'order_state';
  const from = resolve(states, type, input.from, 'FROM');
  const to = resolve(states, type, input.to, 'TO');
  if (from.id === to.id) throw new UsageError('INVALID_ARGUMENT', `FROM and TO are the same state (${from.id} ${from.name}); setting a state again never needs a rule`);
  const rules = [{ state_type: type, id_state_from: from.id, id_state_to: to.id }];
  if (input.bothWays === true) rules.push({ state_type: type, id_state_from: to.id, id_state_to: from.id });
  return rules;
}

/** `transitions allow FROM TO [--both-ways]`, POST /api/v1/transitions. Idempotent. */
export async function allowTransition(app: App, input: TransitionChangeInput): Promise<{ added: TransitionRule[]; already_allowed: TransitionRule[] }> {
  const states = await statesByType(app);
  const rules = pairs(states, input);
  const added = await app.db.transaction().execute((trx) => insertTransitions(trx, rules));
  const key = (r: StoredTransition) => `${r.id_state_from}:${r.id_state_to}`;
  const addedKeys = new Set(added.map(key));
  return { added: named(added, states), already_allowed: named(rules.filter((r) => !addedKeys.has(key(r))), states) };
}

/** `transitions deny FROM TO`, DELETE /api/v1/transitions: removes the rule; 404 when there was none. */
export async function denyTransition(app: App, input: TransitionChangeInput): Promise<{ removed: TransitionRule[] }> {
  const states = await statesByType(app);
  const rules = pairs(states, input);
  const removed = await app.db.transaction().execute(async (trx) => {
    const out: StoredTransition[] = [];
    for (const rule of rules) if (await deleteTransition(trx, rule) > 0) out.push(rule);
    return out;
  });
  if (removed.length === 0) {
    const r = named(rules, states)[0]!;
    throw new NotFoundError('TRANSITION_NOT_FOUND', `${r.state_type} ${r.id_state_from} (${r.from_name}) → ${r.id_state_to} (${r.to_name}) is not an allowed transition`, { hint: 'ecom-sync transitions list shows the rules.' });
  }
  return { removed: named(removed, states) };
}

export interface TransitionCheck {
  id_order: number;
  mode: TransitionMode;
  /** What the rules say, whatever the mode. */
  allowed: boolean;
  /** What a change would do now: applied (mode off or allowed), applied with a warning, or refused. */
  would: 'apply' | 'warn' | 'refuse';
  verdict: TransitionVerdict;
}

/** `transitions check <id_order> <state>`: would this change be allowed, and why not. Changes nothing. */
export async function checkOrderTransition(app: App, orderId: number, state: number | string, kind: TriggerKind = 'order'): Promise<TransitionCheck> {
  const states = await statesByType(app);
  const type: StateType = kind === 'order' ? 'order_state' : 'shipping_state';
  const target = resolve(states, type, state, 'state');
  const order = await app.db.selectFrom('orders').leftJoin('shipments', 'shipments.id_shipping', 'orders.id_shipping')
    .select(['orders.id_order', 'orders.id_store', 'orders.id_ecommerce_state', 'orders.id_order_state', 'shipments.id_shipping_state'])
    .where('orders.id_order', '=', orderId).executeTakeFirst();
  if (!order) throw fail('ORDER_NOT_FOUND', { id: orderId });
  const mode = app.config.transitions.mode;
  // Judged as enforce would, so the answer says what the rules mean even while they are off.
  const guard = await loadTransitionGuard(app, kind, mode === 'off' ? 'enforce' : mode);
  const from = kind === 'order' ? order.id_order_state : order.id_shipping_state;
  const verdict = guard.judge(order, from, target.id);
  const allowed = verdict.violations.length === 0;
  const would = allowed || mode === 'off' ? 'apply' : mode === 'warn' ? 'warn' : 'refuse';
  return { id_order: orderId, mode, allowed, would, verdict: { ...verdict, outcome: allowed ? 'allowed' : mode === 'off' ? 'unchecked' : verdict.outcome } };
}

export interface TransitionProposal {
  state_type: StateType;
  transitions: TransitionRule[];
  /** Rules stored now for this type (init refuses to overwrite them without --replace). */
  existing: number;
  written: boolean;
}

/** `transitions init`: a graph proposed from the local states; written only with `write`. */
export async function initTransitions(app: App, options: { stateTypes?: readonly StateType[]; write?: boolean; replace?: boolean } = {}): Promise<TransitionProposal[]> {
  const states = await statesByType(app);
  const types = options.stateTypes ?? STATE_TYPES;
  const stored = await selectTransitions(app.db);
  const proposals = types.map((type) => {
    const rules = proposeTransitions(type, states[type]).map((r) => ({ state_type: type, ...r }));
    return { state_type: type, rules, existing: stored.filter((r) => r.state_type === type).length };
  });
  if (options.write === true) {
    const blocked = proposals.filter((p) => p.existing > 0);
    if (blocked.length > 0 && options.replace !== true) {
      throw new ConflictError('TRANSITIONS_EXIST', `there are rules already: ${blocked.map((p) => `${p.existing} for ${p.state_type}`).join(', ')}`, {
        hint: 'Review them with `ecom-sync transitions list`; `--replace` swaps them for the proposal, `--type` limits init to one state type.',
      });
    }
    await app.db.transaction().execute(async (trx) => {
      for (const p of proposals) {
        await deleteTransitionsOfType(trx, p.state_type);
        await insertTransitions(trx, p.rules);
      }
    });
  }
  return proposals.map((p) => ({ state_type: p.state_type, transitions: named(p.rules, states), existing: p.existing, written: options.write === true }));
}

/** `transitions export`: YAML for review in git. */
export async function exportTransitions(app: App, options: { stateType?: StateType } = {}): Promise<string> {
  const [rules, states] = await Promise.all([selectTransitions(app.db, options.stateType), statesByType(app)]);
  return renderTransitionsYaml(rules, states);
}

export interface ImportSummary {
  state_type: StateType;
  removed: number;
  added: number;
  total: number;
}

/**
 * `transitions import FILE`: each state type in the file replaces that type's rules (`merge`: only
 * adds), in one transaction; a file with any problem changes nothing.
 */
export async function importTransitions(app: App, text: string, options: { source?: string; merge?: boolean } = {}): Promise<ImportSummary[]> {
  const states = await statesByType(app);
  const parsed = parseTransitionsYaml(text, states, options.source ?? 'the file');
  return app.db.transaction().execute(async (trx) => {
    const out: ImportSummary[] = [];
    for (const [type, rules] of parsed) {
      const removed = options.merge === true ? 0 : await deleteTransitionsOfType(trx, type);
      const added = await insertTransitions(trx, rules);
      out.push({ state_type: type, removed, added: added.length, total: (await selectTransitions(trx, type)).length });
    }
    return out;
  });
}
