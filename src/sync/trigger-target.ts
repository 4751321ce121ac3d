import type { Config } from '../config/config-types.js';
import type { Db } from './sync-job-repository.js';

/** The spec's event and state types, as stored in platform_state_triggers. */
export const TRIGGER_KINDS = {
  order: { eventType: 'order_status_changed', stateType: 'order_state' },
  shipping: { eventType: 'shipping_status_changed', stateType: 'shipping_state' },
} as const;
export type TriggerKind = keyof typeof TRIGGER_KINDS;

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

function selectTargets(db: Db, kind: TriggerKind) {
  const { eventType, stateType } = TRIGGER_KINDS[kind];
  return db.selectFrom('platform_state_triggers as t')
    .innerJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 't.id_state_platform')
    .select([
      't.id_trigger', 't.id_store', 't.id_state_local', 't.event_type', 't.state_type', 't.send_email as trigger_send_email',
      's.id_ecommerce_order_state', 's.id_platform_state', 's.name as platform_state_name', 's.is_deleted', 's.is_missing', 's.id_store as state_store',
    ])
    .where('t.event_type', '=', eventType)
    .where('t.state_type', '=', stateType)
    .where('t.is_active', '=', 1);
}

/** The active trigger for (store, event type, state type, new local state), if any. */
export async function findTriggerTarget(db: Db, kind: TriggerKind, storeId: number, localStateId: number): Promise<TriggerTarget | undefined> {
  return selectTargets(db, kind).where('t.id_store', '=', storeId).where('t.id_state_local', '=', localStateId).executeTakeFirst();
}

/** Every active trigger of a kind, keyed `store:localState` — one query for a whole bulk change. */
export async function loadTriggerTargets(db: Db, kind: TriggerKind): Promise<Map<string, TriggerTarget>> {
  const rows = await selectTargets(db, kind).execute();
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

/** trigger.send_email ?? store.send_email ?? config.sync.send_email */
export function resolveSendEmail(target: Pick<TriggerTarget, 'trigger_send_email'>, storeSendEmail: number | null, config: Pick<Config, 'sync'>): boolean {
  if (target.trigger_send_email !== null) return target.trigger_send_email === 1;
  if (storeSendEmail !== null) return storeSendEmail === 1;
  return config.sync.send_email;
}
