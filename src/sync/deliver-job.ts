import type { SyncDeps } from './sync-deps.js';
import type { Updateable } from 'kysely';
import type { SyncJobsTable } from '../db/database-types.js';
import { toDbTimestamp } from '../db/dialect.js';
import { EcomSyncError, PlatformError } from '../errors.js';
import { PlatformWaitError, retryPolicyFromConfig } from '../platforms/retry.js';
import { clearStoreCredentialsFailure, markStoreCredentialsFailing, type StoreRow } from '../stores/store-repository.js';
import { resolveJobTarget, type DeliveryContext } from './delivery-context.js';
import { delayAfterFailedRun } from './failure-backoff.js';
import { LeaseLostError, leaseOf, startHeartbeat, writeFenced, type JobLease } from './job-lease.js';
import type { SyncJobRow } from './sync-job-repository.js';
import { FinalFailure } from './final-failure.js';
import { pushThroughPort, type PortDeliveryState } from './deliver-port-job.js';
import type { PlatformPort } from '../platforms/platform-port.js';
import { writeSyncLog } from './sync-log.js';

/** `lease_lost`: another worker holds the job now; this one stopped without writing. */
export type JobOutcomeStatus = 'done' | 'pending' | 'failed' | 'cancelled' | 'lease_lost';

export interface JobOutcome {
  id_sync_job: number;
  id_order: number;
  status: JobOutcomeStatus;
  /** The platform was already in the target state: nothing was posted (again). */
  already_on_platform: boolean;
  error: string | null;
  http_status: number | null;
  /** The platform asked not to be called before this time (epoch ms), when it did. */
  wait_until: number | null;
  /** Done, with something the operator should know (the customer e-mail probably not sent). */
  warning: string | null;
}

/** What one delivery pass knows about a store. */
export interface StoreDelivery {
  store: StoreRow;
  /** The store's platform port, or why there is none. */
  platform: PlatformPort | EcomSyncError;
  /** Set once the platform refused the key in this pass: the store's other jobs are not sent. */
  credentialsRefused: string | null;
}

function statusLine(error: unknown): string {
  if (error instanceof PlatformError) {
    const line = error.details?.statusLine;
    if (typeof line === 'string') return line;
  }
  return error instanceof Error ? error.message : String(error);
}

function credentialsMessage(store: StoreRow, error: PlatformError): string {
  return `${error.message}. The API key of store ${store.name} (#${store.id_store}) is refused: fix it with \`ecom-sync stores update ${store.id_store} --api-key-env VAR\`, then run \`ecom-sync sync retry --failed\``;
}

/**
 * Delivers one claimed job (ARCHITECTURE.md steps 4-7). The job's target is re-resolved from the active
 * triggers first (re-mapped: the new target; disabled or removed: cancelled). The store's platform
 * port pushes the state (`pushThroughPort`), retried on the configured backoff only for what the
 * port classifies as retryable; `in_doubt` is committed BEFORE each write by a write fenced on the
 * lease, so a worker whose lease is gone stops before writing. A job in doubt — or one the last
 * pull already saw in the target state — reads the order first, and an answer that does not prove
 * the change is checked by reading the order: done only with evidence. A lease heartbeat runs
 * meanwhile.
 */
export async function deliverClaimedJob(app: SyncDeps, claimed: SyncJobRow, target: StoreDelivery, context: DeliveryContext, callerSignal?: AbortSignal): Promise<JobOutcome> {
  const lease = leaseOf(claimed);
  const heartbeat = startHeartbeat(app, lease);
  // One signal for the delivery: the caller's (shutdown) or the heartbeat's (lease lost). Forwarded
  // by hand and unhooked after, so that nothing stays attached to a long-lived caller signal.
  const controller = new AbortController();
  const forward = (source: AbortSignal) => () => controller.abort(source.reason);
  const onCaller = callerSignal === undefined ? null : forward(callerSignal);
  const onLost = forward(heartbeat.lost);
  if (callerSignal?.aborted === true) controller.abort(callerSignal.reason);
  if (onCaller !== null) callerSignal?.addEventListener('abort', onCaller, { once: true });
  heartbeat.lost.addEventListener('abort', onLost, { once: true });
  try {
    return await deliverHeld(app, claimed, lease, target, context, controller.signal, callerSignal, heartbeat.lost);
  } finally {
    heartbeat.stop();
    if (onCaller !== null) callerSignal?.removeEventListener('abort', onCaller);
    heartbeat.lost.removeEventListener('abort', onLost);
  }
}

async function deliverHeld(
  app: SyncDeps, claimed: SyncJobRow, lease: JobLease, target: StoreDelivery, context: DeliveryContext, signal: AbortSignal, callerSignal: AbortSignal | undefined, leaseGone: AbortSignal,
): Promise<JobOutcome> {
  const { db, logger } = app;
  let job = claimed;
  let inDoubt = job.in_doubt === 1;
  let attempts = job.attempts;
  let alreadyOnPlatform = false;
  let warning: string | null = null;
  const outcome = (status: JobOutcomeStatus, error: string | null = null, httpStatus: number | null = null, waitUntil: number | null = null): JobOutcome => ({
    id_sync_job: job.id_sync_job, id_order: job.id_order, status, already_on_platform: alreadyOnPlatform, error, http_status: httpStatus, wait_until: waitUntil, warning,
  });

  try {
    const resolved = resolveJobTarget(job, context, target.store, app.config);
    if (resolved.action === 'cancel') return await cancelJob(app, job, lease, resolved.reason, outcome);
    if (resolved.action === 'fail') throw new FinalFailure(resolved.reason, null);
    if (resolved.action === 'retarget') {
      const values = { id_trigger: resolved.target.id_trigger, id_ecommerce_order_state: resolved.target.id_ecommerce_order_state, id_platform_state: resolved.target.id_platform_state, send_email: resolved.sendEmail ? 1 : 0 };
      if (!(await writeFenced(db, lease, { ...values, updated_at: app.clock.now() }))) throw new LeaseLostError(job.id_sync_job);
      await writeSyncLog(db, { id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'info', message: `target re-resolved at delivery: trigger ${values.id_trigger} now maps local state ${job.id_state_local} to platform state ${values.id_platform_state} (was ${job.id_platform_state})` }, app.clock.now());
      job = { ...job, ...values };
    }
    if (target.platform instanceof EcomSyncError) throw target.platform;
    if (target.credentialsRefused !== null) {
      throw new PlatformError('PLATFORM_UNAUTHORIZED', `not sent: ${target.credentialsRefused}`, { status: 401, details: { statusLine: 'HTTP 401 Unauthorized' } });
    }
    const state: PortDeliveryState = { inDoubt, attempts, alreadyOnPlatform, warning };
    try {
      await pushThroughPort(target.platform, job, target.store, state, {
        db,
        policy: retryPolicyFromConfig(app.config.sync),
        retry: {
          sleep: (ms, s) => app.clock.sleep(ms, s),
          now: () => app.clock.now(),
          signal,
          onRetry: (error, attempt, delayMs) => {
            logger.warn({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} (order ${job.id_order}): attempt ${attempt} failed (${statusLine(error)}), next in ${delayMs} ms`);
          },
        },
        markInDoubt: async (count) => {
          // Fenced and committed before the request leaves: a worker that lost its lease stops here,
          // and after a crash at any instant the next worker knows the write may have happened.
          if (!(await writeFenced(db, lease, { in_doubt: 1, attempts: count, updated_at: app.clock.now() }))) throw new LeaseLostError(job.id_sync_job);
        },
        signal,
      }, {
        // The last pull saw the shop in this very state (drift): a write would add a duplicate (PrestaShop: a history row).
        readFirst: context.lastKnownState.get(job.id_order) === job.id_ecommerce_order_state,
        sendEmail: job.send_email === 1,
      });
    } finally {
      ({ inDoubt, attempts, alreadyOnPlatform, warning } = state);
    }
  } catch (error) {
    return recordFailure(app, job, lease, target, error, { inDoubt, attempts, callerSignal, leaseGone, outcome });
  }
  return finishDone();

  async function finishDone(): Promise<JobOutcome> {
  const now = app.clock.now();
  const note = alreadyOnPlatform ? ' (already on the shop: not posted)' : '';
  // Set inside the retried closure: TypeScript's narrowing does not see it.
  const doneWarning = warning as string | null;
  const held = await db.transaction().execute(async (trx) => {
    const done = await writeFenced(trx, lease, {
      status: 'done', in_doubt: 0, attempts, lease_owner: null, lease_token: null, lease_until: null, not_before: null, last_error: doneWarning,
      last_http_status: alreadyOnPlatform ? 200 : 201, done_at: now, updated_at: now,
    });
    if (!done) return false;
    await trx.updateTable('orders').set({ id_ecommerce_state: job.id_ecommerce_order_state }).where('id_order', '=', job.id_order).execute();
    await writeSyncLog(trx, {
      id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'info',
      message: `state ${job.id_platform_state} pushed to store ${job.id_store}${note}; id_ecommerce_state = ${job.id_ecommerce_order_state}`,
    }, now);
    if (doneWarning !== null) await writeSyncLog(trx, { id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'warn', message: doneWarning }, now);
    return true;
  });
  if (!held) return leaseLost(app, job, outcome);
  if (target.store.credentials_error !== null) {
    await clearStoreCredentialsFailure(db, job.id_store);
    target.store.credentials_error = null;
  }
  if (doneWarning !== null) logger.warn({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} (order ${job.id_order}): ${doneWarning}`);
  logger.info({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `Stato ordine ${job.id_order} sincronizzato con successo a store ${job.id_store} (platform_state_id=${job.id_platform_state})`);
  logger.info({ order_id: job.id_order }, `Updated order ${job.id_order}.id_ecommerce_state to ${job.id_ecommerce_order_state}`);
  return outcome('done');
  }
}

type MakeOutcome = (status: JobOutcomeStatus, error?: string | null, httpStatus?: number | null, waitUntil?: number | null) => JobOutcome;

function leaseLost(app: SyncDeps, job: SyncJobRow, outcome: MakeOutcome): JobOutcome {
  app.logger.warn({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} (order ${job.id_order}): lease lost to another worker; stopped without writing`);
  return outcome('lease_lost', 'lease lost to another worker');
}

/** The trigger that queued the job was disabled or removed: nothing is left to push. */
async function cancelJob(app: SyncDeps, job: SyncJobRow, lease: JobLease, reason: string, outcome: MakeOutcome): Promise<JobOutcome> {
  const now = app.clock.now();
  const held = await app.db.transaction().execute(async (trx) => {
    if (!(await writeFenced(trx, lease, { status: 'cancelled', lease_owner: null, lease_token: null, lease_until: null, last_error: reason.slice(0, 1000), updated_at: now }))) return false;
    await writeSyncLog(trx, { id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'warn', message: `cancelled: ${reason}` }, now);
    return true;
  });
  if (!held) return leaseLost(app, job, outcome);
  app.logger.warn({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} (order ${job.id_order}) cancelled: ${reason}`);
  return outcome('cancelled', reason);
}

interface FailureState {
  inDoubt: boolean;
  attempts: number;
  callerSignal: AbortSignal | undefined;
  /** Aborted by the heartbeat when a renewal found the lease taken over. */
  leaseGone: AbortSignal;
  outcome: MakeOutcome;
}

/** A refusal for the request rate (HTTP 429, Shopify's THROTTLED), also behind a long-wait error. */
function isThrottle(error: PlatformError): boolean {
  return error.code === 'PLATFORM_RATE_LIMITED' || (error instanceof PlatformWaitError && error.cause.code === 'PLATFORM_RATE_LIMITED');
}

/** How long the job waits for the shop without that counting as a failed run, or null: a failure. */
function shopWaitMs(error: unknown, sync: { max_wait_ms: number; backoff_ms: number }): number | null {
  if (!(error instanceof PlatformError)) return null;
  const asked = error.retryAfterMs;
  if (asked !== undefined && asked > sync.max_wait_ms) return asked;
  return isThrottle(error) ? Math.max(asked ?? 0, sync.backoff_ms) : null;
}

async function recordFailure(app: SyncDeps, job: SyncJobRow, lease: JobLease, target: StoreDelivery, error: unknown, state: FailureState): Promise<JobOutcome> {
  const { db, logger, config } = app;
  const now = app.clock.now();
  if (error instanceof LeaseLostError || state.leaseGone.aborted) return leaseLost(app, job, state.outcome);
  const base = { in_doubt: state.inDoubt ? 1 : 0, attempts: state.attempts, lease_owner: null, lease_token: null, lease_until: null, updated_at: now };
  const write = async (values: Updateable<SyncJobsTable>): Promise<boolean> => writeFenced(db, lease, { ...base, ...values });

  // A shutdown in the middle: the job goes back to the queue as it is, not counted as a failed run.
  if (state.callerSignal?.aborted === true) {
    if (!(await write({ status: 'pending', next_attempt_at: now }))) return leaseLost(app, job, state.outcome);
    return state.outcome('pending', 'interrupted by shutdown');
  }

  // The shop asked for a longer wait than is slept, or it still throttles after the waits that
  // were slept: back to pending until then. Not a failed run (sync.max_runs never ends a job that
  // only waits for the shop), and the throttled calls were not attempts (deliver-port-job.ts).
  const waitMs = shopWaitMs(error, config.sync);
  if (waitMs !== null) {
    const waitUntil = error instanceof PlatformWaitError ? error.waitUntil : now + waitMs;
    const message = `pending: the shop asked to wait until ${new Date(waitUntil).toISOString()} (${statusLine(error)}, Retry-After ${Math.round(waitMs / 1000)} s)`;
    const httpStatus = (error as PlatformError).status ?? null;
    if (!(await write({ status: 'pending', next_attempt_at: waitUntil, not_before: waitUntil, last_error: message, last_http_status: httpStatus }))) return leaseLost(app, job, state.outcome);
    await writeSyncLog(db, { id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'warn', message }, now);
    logger.warn({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} (order ${job.id_order}): ${message}`);
    return state.outcome('pending', message, httpStatus, waitUntil);
  }

  let httpStatus = error instanceof PlatformError ? (error.status ?? null) : null;
  let message = error instanceof Error ? error.message : String(error);
  let permanent: boolean;
  if (error instanceof FinalFailure) {
    permanent = true;
    httpStatus = error.httpStatus;
  } else if (error instanceof PlatformError && error.code === 'PLATFORM_UNAUTHORIZED') {
    permanent = true;
    if (target.credentialsRefused === null) {
      message = credentialsMessage(target.store, error);
      target.credentialsRefused = message;
      await markStoreCredentialsFailing(db, job.id_store, error.message, toDbTimestamp(new Date(now)));
    } else {
      message = target.credentialsRefused;
    }
  } else if (error instanceof PlatformError) {
    // 4xx and unreadable answers are not repeated; network errors, timeouts, 5xx and 429 are, later.
    permanent = !error.retryable;
  } else if (error instanceof EcomSyncError) {
    permanent = true;
  } else {
    // A bug or a database error: keep the job and try again later rather than lose it.
    permanent = false;
    logger.error({ err: error, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} failed unexpectedly`);
  }
  const runs = job.runs + 1;
  if (!permanent && config.sync.max_runs > 0 && runs >= config.sync.max_runs) {
    permanent = true;
    message = `${message} (gave up after ${runs} runs: sync.max_runs)`;
  }
  const status = permanent ? 'failed' : 'pending';
  const retryAfter = error instanceof PlatformError ? (error.retryAfterMs ?? 0) : 0;
  const nextAttemptAt = now + Math.max(delayAfterFailedRun(config.sync, runs), retryAfter);
  if (!(await write({ status, runs, next_attempt_at: nextAttemptAt, last_error: message.slice(0, 1000), last_http_status: httpStatus }))) return leaseLost(app, job, state.outcome);
  await writeSyncLog(db, {
    id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'error',
    message: permanent ? `failed, not retried automatically: ${message}` : `failed, next attempt at ${new Date(nextAttemptAt).toISOString()}: ${message}`,
  }, now);
  logger.error({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `Errore sync order state per order_id=${job.id_order}: ${statusLine(error)}`);
  return state.outcome(status, message, httpStatus);
}
