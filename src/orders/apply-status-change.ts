import type { Transaction } from 'kysely';
import type { OrdersDeps } from './orders-deps.js';
import type { Config } from '../config/config-types.js';
import type { Database } from '../db/database-types.js';
import { toDbTimestamp } from '../db/dialect.js';
import { insertReturningId } from '../db/insert-returning-id.js';
import { retryOnLockConflict } from '../db/lock-conflict.js';
import { lockOrdersForChange } from '../db/row-locks.js';
import { fail, type NotFoundError } from '../errors.js';
import { EventType, type Event } from '../events/event-types.js';
import { findStoreById } from '../stores/store-repository.js';
import { enqueueForChange, noTriggerMessage } from '../sync/enqueue-for-change.js';
import { previewPortPush } from '../sync/port-push-preview.js';
import { selectJob, type Db } from '../sync/sync-job-repository.js';
import { findTriggerTarget, resolveSendEmail, unusableTargetReason, type TriggerKind, type TriggerTarget } from '../sync/trigger-target.js';
import { checkOverride } from '../transitions/transition-errors.js';
import { enforceTransition, loadTransitionGuard, verdictWarning } from '../transitions/transition-guard.js';
import type { TransitionVerdict } from '../transitions/transition-types.js';
import { resolveLocalState, type LocalState } from './resolve-local-state.js';
import type { SetOrderStatusResult, StatusChangeInput, SyncOutcome } from './status-change-types.js';
import { isoFromEpochMs } from '../dates/iso-date.js';

const MESSAGES: Record<TriggerKind, string> = {
  order: 'Stato ordine aggiornato con successo',
  shipping: 'Stato spedizione aggiornato con successo',
};

interface OrderRow {
  id_order: number;
  id_store: number | null;
  id_origin: number | null;
  id_platform: number | null;
  id_order_state: number;
  id_ecommerce_state: number | null;
  id_shipping: number | null;
  shipping_state: number | null;
}

async function loadOrder(db: Db, orderId: number): Promise<OrderRow | undefined> {
  return db.selectFrom('orders')
    .leftJoin('shipments', 'shipments.id_shipping', 'orders.id_shipping')
    .select(['orders.id_order', 'orders.id_store', 'orders.id_origin', 'orders.id_platform', 'orders.id_order_state', 'orders.id_ecommerce_state', 'orders.id_shipping', 'shipments.id_shipping_state as shipping_state'])
    .where('orders.id_order', '=', orderId)
    .executeTakeFirst();
}

function orderNotFound(orderId: number): NotFoundError {
  return fail('ORDER_NOT_FOUND', { id: orderId });
}

function currentState(kind: TriggerKind, order: OrderRow): number | null {
  return kind === 'order' ? order.id_order_state : order.shipping_state;
}

/**
 * `plugins.platform_state_sync.enabled`, read from the config: when it is off no job is created
 * (the handler that would deliver them is not registered either).
 */
export function platformSyncEnabled(config: Pick<Config, 'plugins'>): boolean {
  return config.plugins.platform_state_sync.enabled;
}

export function statusEvent(kind: TriggerKind, order: Pick<OrderRow, 'id_order' | 'id_platform'>, oldState: number | null, newState: number, jobIds: number[]): Event {
  const meta = { sync_job_ids: jobIds };
  return kind === 'order'
    ? { event_type: EventType.ORDER_STATUS_CHANGED, data: { order_id: order.id_order, old_state_id: oldState ?? 0, new_state_id: newState, id_platform: order.id_platform }, meta }
    : { event_type: EventType.SHIPPING_STATUS_CHANGED, data: { order_id: order.id_order, old_state_id: oldState, new_state_id: newState, id_platform: order.id_platform }, meta };
}

/** Runs the handlers that must commit with the change (stock), inside its transaction. */
export async function runTransactionalHandlers(app: OrdersDeps, trx: Transaction<Database>, events: readonly Event[]): Promise<void> {
  for (const handler of app.bus.handlers) {
    if (!handler.handleInTransaction) continue;
    const accepted = events.filter((event) => handler.canHandle(event));
    if (accepted.length > 0) await handler.handleInTransaction(trx, accepted);
  }
}

/** Why a change of this order cannot be pushed, or null when a trigger decides. */
function unsyncableReason(app: OrdersDeps, order: OrderRow, sync: boolean): string | null {
  if (!sync) return 'not synced: --no-sync';
  if (!platformSyncEnabled(app.config)) return 'not synced: plugin platform_state_sync is disabled';
  if (order.id_store === null || order.id_origin === null) return 'not synced: the order is not linked to a platform order';
  return null;
}

export async function syncOutcome(db: Db, jobId: number, target: TriggerTarget): Promise<SyncOutcome | null> {
  const job = await selectJob(db, jobId);
  if (!job) return null;
  return {
    id_sync_job: job.id_sync_job,
    status: job.status,
    id_store: job.id_store,
    id_platform_state: job.id_platform_state,
    platform_state_name: target.platform_state_name,
    id_ecommerce_order_state: job.id_ecommerce_order_state,
    send_email: job.send_email === 1,
    attempts: job.attempts,
    error: job.last_error,
    http_status: job.last_http_status,
    wait_until: job.status === 'pending' && job.not_before !== null ? isoFromEpochMs(job.not_before) : null,
  };
}

/**
 * One status change, ARCHITECTURE.md steps 1-2: validate; in ONE transaction update the state, write
 * the history, run the stock rules and create the sync job when a trigger matches; commit; emit
 * the event, whose sync handler delivers the job in-process — and wait for it, so the caller
 * reports the platform's answer.
 */
export async function applyStatusChange(app: OrdersDeps, kind: TriggerKind, input: StatusChangeInput): Promise<SetOrderStatusResult> {
  const { db } = app;
  const state: LocalState = await resolveLocalState(db, kind, input.state);
  // Transition rules (src/transitions): loaded once, judged inside the transaction on the locked row.
  const override = checkOverride(input.force, input.reason);
  const guard = await loadTransitionGuard(app, kind);
  const before = await loadOrder(db, input.orderId);
  if (!before) throw orderNotFound(input.orderId);
  const sync = input.sync !== false;
  const skipReason = unsyncableReason(app, before, sync);
  const target = before.id_store === null ? undefined : await findTriggerTarget(db, kind, before.id_store, state.id);
  const base = {
    message: MESSAGES[kind],
    id_order: before.id_order,
    old_state: currentState(kind, before),
    new_state: state.id,
    new_state_name: state.name,
  };

  if (input.dryRun === true) {
    const verdict = guard.judge(before, base.old_state, state.id, override);
    return withTransition(await dryRun(app, kind, before, base, target, skipReason), verdict, guard.mode, override.reason);
  }
  if (base.old_state === state.id) {
    return { ...base, changed: false, sync: null, sync_note: `order ${before.id_order} already is in state ${state.id} (${state.name}): nothing changed, nothing pushed` };
  }

  const now = app.clock.now();
  const stamp = toDbTimestamp(new Date(now));
  // Rolled back over a lock conflict (MariaDB deadlocks between concurrent changes): nothing was
  // committed, so the whole transaction runs again.
  const committed = await retryOnLockConflict(() => db.transaction().execute(async (trx) => {
    // The first statement takes the locks before anything is read (src/db/row-locks.ts).
    if ((await lockOrdersForChange(trx, [input.orderId])) === 0) throw orderNotFound(input.orderId);
    const order = (await loadOrder(trx, input.orderId))!;
    const oldState = currentState(kind, order);
    if (oldState === state.id) return { order, oldState, jobId: null as number | null, noTrigger: false, noop: true, verdict: null };
    const verdict = enforceTransition(guard, order, oldState, state.id, override);

    if (kind === 'order') {
      await trx.updateTable('orders').set({ id_order_state: state.id, date_upd: stamp }).where('id_order', '=', order.id_order).execute();
      await trx.insertInto('orders_history').values({ id_order: order.id_order, id_order_state: state.id, date_add: stamp, reason: override.reason }).execute();
    } else {
      await setShipmentState(trx, order, state.id, stamp);
    }
    const event = statusEvent(kind, order, oldState, state.id, []);
    await runTransactionalHandlers(app, trx, [event]);

    // The sync port: the trigger's job (older open jobs of the order superseded, latest wins).
    const synced = await enqueueForChange(trx, { order, kind, localStateId: state.id }, { config: app.config, now, push: unsyncableReason(app, order, sync) === null });
    const jobId = synced.outcome === 'queued' ? synced.id_sync_job : null;
    return { order, oldState, jobId, noTrigger: synced.outcome === 'no-trigger', noop: false, verdict };
  }));

  if (committed.noop) {
    return { ...base, old_state: committed.oldState, changed: false, sync: null, sync_note: `order ${before.id_order} already is in state ${state.id} (${state.name}): nothing changed, nothing pushed` };
  }
  const reason = unsyncableReason(app, committed.order, sync);
  if (committed.noTrigger) app.logger.debug(noTriggerMessage(committed.order.id_order, state.id, committed.order.id_store!));

  // After the commit: the sync handler delivers the job now, and the CLI/REST caller waits for it.
  await app.bus.emit(statusEvent(kind, committed.order, committed.oldState, state.id, committed.jobId === null ? [] : [committed.jobId]));

  const result: SetOrderStatusResult = withTransition({ ...base, old_state: committed.oldState, changed: true, sync: null, sync_note: reason }, committed.verdict, guard.mode, override.reason);
  for (const warning of result.warnings ?? []) app.logger.warn(warning);
  if (committed.jobId !== null) {
    const latestTarget = await findTriggerTarget(db, kind, committed.order.id_store!, state.id);
    result.sync = await syncOutcome(db, committed.jobId, latestTarget ?? target!);
  } else if (reason === null) {
    result.sync_note = `not synced: no active trigger for ${kind === 'order' ? 'order' : 'shipping'} state ${state.id} on store ${committed.order.id_store}`;
  }
  return result;
}

/** Adds the transition verdict, its warning and the override's reason to a result. */
function withTransition(result: SetOrderStatusResult, verdict: TransitionVerdict | null, mode: string, reason: string | null): SetOrderStatusResult {
  if (verdict === null || (mode === 'off' && reason === null)) return result;
  result.transition = verdict;
  if (reason !== null) result.reason = reason;
  const warning = verdictWarning(result.id_order, verdict, reason);
  if (warning !== null) result.warnings = [result.dry_run === true ? `would be ${verdict.outcome === 'forced' ? 'forced' : 'warned'}: ${warning}` : warning];
  if (result.dry_run === true && verdict.outcome === 'refused') result.sync_note = `would be refused (INVALID_TRANSITION): ${verdict.violations.map((v) => v.message).join('; ')}`;
  return result;
}

async function setShipmentState(trx: Transaction<Database>, order: OrderRow, stateId: number, stamp: string): Promise<void> {
  if (order.id_shipping !== null) {
    await trx.updateTable('shipments').set({ id_shipping_state: stateId, date_upd: stamp }).where('id_shipping', '=', order.id_shipping).execute();
    return;
  }
  const shippingId = await insertReturningId(trx, 'shipments', 'id_shipping', { id_shipping_state: stateId, date_add: stamp, date_upd: stamp });
  await trx.updateTable('orders').set({ id_shipping: shippingId, date_upd: stamp }).where('id_order', '=', order.id_order).execute();
}

async function dryRun(
  app: OrdersDeps, kind: TriggerKind, order: OrderRow, base: Omit<SetOrderStatusResult, 'changed' | 'sync' | 'sync_note'>, target: TriggerTarget | undefined, skipReason: string | null,
): Promise<SetOrderStatusResult> {
  const changed = base.old_state !== base.new_state;
  const result: SetOrderStatusResult = { ...base, changed, sync: null, sync_note: null, dry_run: true, trigger: null, platform_call: null };
  if (!changed) result.sync_note = `order ${order.id_order} already is in state ${base.new_state}: nothing would change`;
  if (target) {
    const unusable = unusableTargetReason(target);
    result.trigger = {
      id_trigger: target.id_trigger, id_store: target.id_store, id_state_local: target.id_state_local, id_ecommerce_order_state: target.id_ecommerce_order_state,
      id_platform_state: target.id_platform_state, platform_state_name: target.platform_state_name, unusable,
    };
    if (changed && skipReason === null && unusable === null) {
      const store = await findStoreById(app.db, order.id_store!);
      const sendEmail = resolveSendEmail(target.trigger_send_email, store?.send_email, app.config.sync);
      result.platform_call = store ? await previewPortPush(app, store, { id_order: order.id_order, id_origin: order.id_origin! }, target, sendEmail) : null;
    } else if (changed) {
      result.sync_note = skipReason ?? `not pushed: ${unusable}`;
    }
  } else if (changed) {
    result.sync_note = skipReason ?? `not synced: no active trigger for ${kind} state ${base.new_state} on store ${order.id_store}`;
  }
  return result;
}
