import { sql, type SelectQueryBuilder } from 'kysely';
import type { Config } from '../config/config-types.js';
import type { Db } from './sync-job-repository.js';

/**
 * "The active trigger of (store, kind, local state)", owned here: the job creation, the delivery's
 * re-resolution, the transition guard, `triggers test` and the duplicate check all match
 * triggers through this module, in one vocabulary (a kind, not an event type / state type pair).
 */

/** The spec's event and state types, as stored in platform_state_triggers. */
export const TRIGGER_KINDS = {
  order: { eventType: 'order_status_changed', stateType: 'order_state' },
  shipping: { eventType: 'shipping_status_changed', stateType: 'shipping_state' },
} as const;
export type TriggerKind = keyof typeof TRIGGER_KINDS;

/** The kind of a stored event type (platform_state_triggers / sync_jobs.event_type), or null for another one. */
export function triggerKindOf(eventType: string): TriggerKind | null {
  for (const [kind, info] of Object.entries(TRIGGER_KINDS)) if (info.eventType === eventType) return kind as TriggerKind;
  return null;
}

/** At most one active trigger exists per key (a unique partial index), so no match is an arbitrary "first". */
export interface ActiveTriggerKey {
  storeId: number;
  kind: TriggerKind;
  localStateId: number;
  /** Leave this trigger out (enabling it: is the slot taken by another one?). */
  excludeId?: number;
}

/**
 * The one definition of "active trigger of a kind", over `platform_state_triggers as t`, with
 * the store and local state when a key gives them. Generic over the query so that the job
 * creation's target rows and the triggers' views share it.
 */
export function whereActiveTrigger<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>, kind: TriggerKind, key?: Omit<ActiveTriggerKey, 'kind'>,
): SelectQueryBuilder<DB, TB, O> {
  const { eventType, stateType } = TRIGGER_KINDS[kind];
  let matched = query.where(sql.ref('t.event_type'), '=', eventType).where(sql.ref('t.state_type'), '=', stateType).where(sql.ref('t.is_active'), '<>', 0);
  if (key === undefined) return matched;
  matched = matched.where(sql.ref('t.id_store'), '=', key.storeId).where(sql.ref('t.id_state_local'), '=', key.localStateId);
  return key.excludeId === undefined ? matched : matched.where(sql.ref('t.id_trigger'), '<>', key.excludeId);
}

/** An active trigger joined to the platform state it points to. */
export interface TriggerTarget {
  id_trigger: number;
  id_store: number;
  id_state_local: number;
  event_type: string;
  state_type: string;
  trigger_send_email: number | null;
  id_ecommerce_order_state: number;
  id_platform_state: number;
  platform_state_name: string;
  /** The state was deleted on the platform or vanished from it: never push it. */
  is_deleted: number;
  is_missing: number;
  /** Mirrors ecommerce_order_states.id_store: a trigger must not point to another store's state. */
  state_store: number;
}

function selectTargets(db: Db) {
  return db.selectFrom('platform_state_triggers as t')
    .innerJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 't.id_state_platform')
    .select([
      't.id_trigger', 't.id_store', 't.id_state_local', 't.event_type', 't.state_type', 't.send_email as trigger_send_email',
      's.id_ecommerce_order_state', 's.id_platform_state', 's.name as platform_state_name', 's.is_deleted', 's.is_missing', 's.id_store as state_store',
    ]);
}

/** The active trigger for (store, kind, new local state) with its target, if any. */
export async function findTriggerTarget(db: Db, kind: TriggerKind, storeId: number, localStateId: number): Promise<TriggerTarget | undefined> {
  return whereActiveTrigger(selectTargets(db), kind, { storeId, localStateId }).executeTakeFirst();
}

/** Every active trigger of a kind, keyed `store:localState` — one query for a whole bulk change. */
export async function loadTriggerTargets(db: Db, kind: TriggerKind): Promise<Map<string, TriggerTarget>> {
  const rows = await whereActiveTrigger(selectTargets(db), kind).execute();
  return new Map(rows.map((row) => [triggerKey(row.id_store, row.id_state_local), row]));
}

export function triggerKey(storeId: number, localStateId: number): string {
  return `${storeId}:${localStateId}`;
}

/** Why a trigger's target must not be pushed, or null when it may. */
export function unusableTargetReason(target: TriggerTarget): string | null {
  if (target.state_store !== target.id_store) {
    return `trigger ${target.id_trigger} points to platform state #${target.id_ecommerce_order_state} of another store (${target.state_store})`;
  }
  if (target.is_deleted === 1) return `trigger ${target.id_trigger} points to platform state ${target.id_platform_state} "${target.platform_state_name}", which was deleted on the platform`;
  if (target.is_missing === 1) return `trigger ${target.id_trigger} points to platform state ${target.id_platform_state} "${target.platform_state_name}", which the platform no longer lists`;
  return null;
}

/** A send_email flag as stored (0/1), as a trigger view or an input gives it (boolean), or unset. */
type SendEmailFlag = number | boolean | null | undefined;

function flag(value: SendEmailFlag): boolean | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'boolean' ? value : value !== 0;
}

/**
 * Whether the platform mails the customer about a push: trigger.send_email ?? store.send_email ??
 * config sync.send_email. The one rule for job creation, re-targeting at delivery, the dry run of
 * `orders set-status`, `triggers test` and the admin trigger preview.
 */
export function resolveSendEmail(trigger: SendEmailFlag, store: SendEmailFlag, sync: Pick<Config['sync'], 'send_email'>): boolean {
  return flag(trigger) ?? flag(store) ?? sync.send_email;
}
