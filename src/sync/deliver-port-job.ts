import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import { EcomSyncError, PlatformError } from '../errors.js';
import type { ErrorClass, PlatformPort, PushOrder, PushTarget } from '../platforms/platform-port.js';
import { retryPlatformCall, type RetryCallOptions, type RetryPolicy } from '../platforms/retry.js';
import type { StoreRow } from '../stores/store-repository.js';
import { FinalFailure } from './final-failure.js';
import type { SyncJobRow } from './sync-job-repository.js';

/** What a port delivery changes of the job as it goes (read back by the caller, also after a throw). */
export interface PortDeliveryState {
  inDoubt: boolean;
  attempts: number;
  alreadyOnPlatform: boolean;
  warning: string | null;
}

export interface PortDeliveryDeps {
  db: Kysely<Database>;
  policy: RetryPolicy;
  retry: RetryCallOptions;
  /** Commits in_doubt = 1 and the attempt count, fenced on the lease, before each write leaves. */
  markInDoubt(attempts: number): Promise<void>;
  signal: AbortSignal;
}

/** The job's target as the catalogue row names it, and the order as the shop knows it (tracking for fulfillments). */
export async function loadPortPush(db: Kysely<Database>, job: Pick<SyncJobRow, 'id_order' | 'id_origin' | 'id_store' | 'id_platform_state' | 'id_ecommerce_order_state'>): Promise<{ target: PushTarget; order: PushOrder }> {
  const state = await db.selectFrom('ecommerce_order_states').select(['code', 'id_platform_state', 'name'])
    .where('id_ecommerce_order_state', '=', job.id_ecommerce_order_state).executeTakeFirst();
  if (state === undefined) throw new FinalFailure(`not pushed: platform state ${job.id_platform_state} is no longer in the catalogue; run \`ecom-sync states pull --store ${job.id_store}\` and re-map the trigger`, null);
  const row = await db.selectFrom('orders').leftJoin('shipments', 'shipments.id_shipping', 'orders.id_shipping')
    .select(['orders.reference', 'shipments.tracking', 'shipments.carrier_name']).where('orders.id_order', '=', job.id_order).executeTakeFirst();
  const tracking = row?.tracking !== undefined && row.tracking !== null && row.tracking.trim() !== '' ? { number: row.tracking.trim(), company: row.carrier_name ?? null, url: null } : null;
  return {
    target: { code: state.code ?? String(state.id_platform_state), idPlatformState: job.id_platform_state, name: state.name },
    order: { idOrigin: job.id_origin, reference: row?.reference ?? String(job.id_origin), tracking },
  };
}

function statusOf(error: unknown): number | null {
  return error instanceof PlatformError ? (error.status ?? null) : null;
}

function detailsOf(error: unknown): { details?: Record<string, unknown> } {
  return error instanceof PlatformError && error.details !== undefined ? { details: error.details as Record<string, unknown> } : {};
}

/**
 * The port's verdict in the engine's vocabulary: retryable and unknown outcomes become retryable
 * PlatformErrors (the retry loop and recordFailure already handle those, Retry-After included),
 * refused keys PLATFORM_UNAUTHORIZED (the store is marked failing), everything else a final failure.
 */
export function deliveryError(verdict: ErrorClass, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const status = statusOf(error);
  const common = { cause: error, ...(status === null ? {} : { status }), ...detailsOf(error) };
  switch (verdict.kind) {
    case 'retryable':
      return new PlatformError('PLATFORM_UNAVAILABLE', message, { ...common, retryable: true, ...(verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs }) });
    case 'throttled':
      return new PlatformError('PLATFORM_RATE_LIMITED', message, { ...common, retryable: true, retryAfterMs: verdict.retryAfterMs });
    case 'outcome-unknown':
      return new PlatformError('PLATFORM_OUTCOME_UNKNOWN', message, { ...common, retryable: true, outcomeUnknown: true });
    case 'credentials':
      return new PlatformError('PLATFORM_UNAUTHORIZED', message, { ...common, status: status ?? 401 });
    case 'permission':
      return new FinalFailure(`${message} (missing permission: ${verdict.missing})`, status);
    case 'bad-target':
    case 'bad-response':
    case 'refused':
      return new FinalFailure(message, status);
  }
}

/**
 * An error from the port as the engine handles it. Anything that is not an ecom-sync error (a bug,
 * a database error) is kept as it is: the job stays pending and is logged, rather than lost.
 */
function portFailure(port: PlatformPort, error: unknown): unknown {
  return error instanceof EcomSyncError ? deliveryError(port.classify(error), error) : error;
}

function missingOrder(job: SyncJobRow, store: StoreRow): FinalFailure {
  return new FinalFailure(`order ${job.id_origin} does not exist on store ${store.name} (#${job.id_store}); check the order on the shop and run \`ecom-sync orders pull --store ${job.id_store}\``, null);
}

function targetLabel(target: PushTarget): string {
  return target.code === String(target.idPlatformState) ? String(target.idPlatformState) : `${target.code} (${target.idPlatformState})`;
}

/**
 * One job pushed through the store's PlatformPort (ARCHITECTURE.md steps 5-6), with the engine's
 * guarantees: a job in doubt, or one the last pull already saw in the target state, reads the
 * order first (readPushState) and is done without a write when the target is there; in_doubt is
 * committed before each push; a push whose outcome is unknown is followed by a read when the shop
 * answered (after a dropped answer the write may still land: the next attempt reads first), and
 * only a read showing the target missing lets the next attempt push again. After such an outcome
 * the target itself is checked once (readTargetStatus): a deleted or missing state fails for good.
 */
export async function pushThroughPort(
  port: PlatformPort, job: SyncJobRow, store: StoreRow, state: PortDeliveryState, deps: PortDeliveryDeps, options: { readFirst: boolean; sendEmail: boolean },
): Promise<void> {
  const { target, order } = await loadPortPush(deps.db, job);
  const read = { signal: deps.signal };
  let readFirst = options.readFirst;
  // After an unknown outcome a bad target may explain it: the state is checked once, after a read showed it not applied.
  let suspectTarget = false;
  let targetChecked = false;
  const isApplied = async (): Promise<boolean> => {
    let pushState;
    try {
      pushState = await port.readPushState(order, target, read);
    } catch (error) {
      throw portFailure(port, error);
    }
    if (pushState.kind === 'order-missing') throw missingOrder(job, store);
    return pushState.kind === 'applied';
  };
  const checkTarget = async (): Promise<void> => {
    if (!suspectTarget || targetChecked) return;
    targetChecked = true;
    let status;
    try {
      status = await port.readTargetStatus(target, read);
    } catch (error) {
      throw portFailure(port, error);
    }
    if (status !== 'active') {
      throw new FinalFailure(`not pushed: platform state ${targetLabel(target)} ${status === 'deleted' ? 'is deleted on the shop' : 'does not exist on the shop'} (order ${job.id_origin} unchanged); pull the states again (\`ecom-sync states pull --store ${store.id_store}\`) and re-map the trigger (\`ecom-sync triggers list\`), then \`ecom-sync sync retry ${job.id_sync_job}\``, null);
    }
  };
  // Read right after the shop's own answer: the next attempt need not read again.
  let readAfterAnswer = false;
  await retryPlatformCall(async () => {
    if ((state.inDoubt && !readAfterAnswer) || readFirst) {
      readFirst = false;
      if (await isApplied()) {
        state.alreadyOnPlatform = true;
        return;
      }
      await checkTarget();
    }
    readAfterAnswer = false;
    state.attempts += 1;
    await deps.markInDoubt(state.attempts);
    state.inDoubt = true;
    try {
      const result = await port.push(order, target, { sendEmail: options.sendEmail, signal: deps.signal });
      if (result.alreadyThere) state.alreadyOnPlatform = true;
      if (result.warnings.length > 0) state.warning = result.warnings.join('; ');
    } catch (error) {
      if (!(error instanceof EcomSyncError)) throw error;
      const verdict = port.classify(error);
      if (verdict.kind !== 'outcome-unknown') {
        // Refused before anything was applied: nothing to check next time.
        state.inDoubt = false;
        // A throttled call was turned away at the door: a wait for the shop, not an attempt.
        if (verdict.kind === 'throttled') state.attempts -= 1;
        throw deliveryError(verdict, error);
      }
      suspectTarget = true;
      const status = statusOf(error);
      // No answer (timeout, dropped connection) or a shutdown: the next attempt reads first.
      if (status === null || deps.signal.aborted) throw deliveryError(verdict, error);
      if (await isApplied()) {
        if (verdict.emailWarning !== undefined && options.sendEmail) state.warning = verdict.emailWarning;
        return;
      }
      await checkTarget();
      // The shop itself answered (500, a 2xx without proof): PHP had finished, so this read stands
      // for the next attempt. Not after a gateway's 502/504: the write may still land.
      readAfterAnswer = status < 300 || status === 500;
      if (verdict.failIfNotApplied !== undefined) throw new FinalFailure(verdict.failIfNotApplied, status);
      throw deliveryError(verdict, error);
    }
  }, deps.policy, deps.retry);
}
