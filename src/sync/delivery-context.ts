import type { SyncDeps } from './sync-deps.js';
import type { Config } from '../config/config-types.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { SyncJobRow } from './sync-job-repository.js';
import { loadTriggerTargets, resolveSendEmail, triggerKey, triggerKindOf, unusableTargetReason, type TriggerKind, type TriggerTarget } from './trigger-target.js';

/** What delivery needs besides the job, loaded in batches: never a query per job. */
export interface DeliveryContext {
  /** Active triggers per kind, keyed `store:localState` (read once per delivery pass). */
  triggers: Record<TriggerKind, Map<string, TriggerTarget>>;
  /** orders.id_ecommerce_state of the claimed jobs' orders: the shop's state as last seen. */
  lastKnownState: Map<number, number | null>;
}

export async function loadTriggers(app: SyncDeps): Promise<DeliveryContext['triggers']> {
  return { order: await loadTriggerTargets(app.db, 'order'), shipping: await loadTriggerTargets(app.db, 'shipping') };
}

/** The last known platform state of the orders of a claim batch, one query. */
export async function loadLastKnownStates(app: SyncDeps, jobs: readonly SyncJobRow[], into: Map<number, number | null>): Promise<void> {
  const ids = [...new Set(jobs.map((j) => j.id_order))];
  if (ids.length === 0) return;
  const rows = await app.db.selectFrom('orders').select(['id_order', 'id_ecommerce_state']).where('id_order', 'in', ids).execute();
  for (const row of rows) into.set(row.id_order, row.id_ecommerce_state);
}

export type ResolvedTarget =
  | { action: 'keep' }
  | { action: 'retarget'; target: TriggerTarget; sendEmail: boolean }
  | { action: 'cancel'; reason: string }
  | { action: 'fail'; reason: string };

/**
 * A job's target is re-resolved at delivery from the triggers active now: the operator may have
 * re-mapped the trigger (the job pushes the new target), disabled or removed it (the job is
 * cancelled: nothing maps the change any more), or a states pull may have flagged the target
 * deleted or vanished (the job fails with the reason, as a new job would be refused).
 */
export function resolveJobTarget(job: SyncJobRow, context: DeliveryContext, store: StoreRow, config: Pick<Config, 'sync'>): ResolvedTarget {
  const kind = triggerKindOf(job.event_type);
  // A job queued without a trigger (another emitter, an import) has nothing to re-resolve.
  if (kind === null || job.id_trigger === null) return { action: 'keep' };
  const current = context.triggers[kind].get(triggerKey(job.id_store, job.id_state_local));
  if (current === undefined) {
    return { action: 'cancel', reason: `no active trigger maps local ${kind === 'order' ? 'order' : 'shipping'} state ${job.id_state_local} on store ${job.id_store} any more (disabled, removed or re-mapped after the change was queued)` };
  }
  const unusable = unusableTargetReason(current);
  if (unusable !== null) return { action: 'fail', reason: `not pushed: ${unusable}; pull the states again (ecom-sync states pull) and re-map the trigger (ecom-sync triggers), then ecom-sync sync retry ${job.id_sync_job}` };
  if (current.id_ecommerce_order_state !== job.id_ecommerce_order_state) {
    return { action: 'retarget', target: current, sendEmail: resolveSendEmail(current.trigger_send_email, store.send_email, config.sync) };
  }
  return { action: 'keep' };
}
