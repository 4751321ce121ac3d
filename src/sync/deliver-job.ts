import type { App } from '../app.js';
import { toDbTimestamp } from '../db/dialect.js';
import { EcomSyncError, PlatformError } from '../errors.js';
import type { Platform } from '../platforms/platform.js';
import { retryPlatformCall, retryPolicyFromConfig } from '../platforms/retry.js';
import { clearStoreCredentialsFailure, markStoreCredentialsFailing, type StoreRow } from '../stores/store-repository.js';
import { delayAfterFailedRun } from './failure-backoff.js';
import type { SyncJobRow } from './sync-job-repository.js';
import { writeSyncLog } from './sync-log.js';

export type JobOutcomeStatus = 'done' | 'pending' | 'failed';

export interface JobOutcome {
  id_sync_job: number;
  id_order: number;
  status: JobOutcomeStatus;
  /** The platform was already in the target state after an uncertain attempt: nothing was posted again. */
  already_on_platform: boolean;
  error: string | null;
  http_status: number | null;
}

/** What one delivery pass knows about a store. */
export interface StoreDelivery {
  store: StoreRow;
  /** The store's client, or why there is none (a missing key variable, an unsupported platform). */
  platform: Platform | EcomSyncError;
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
 * Delivers one claimed job (DESIGN.md steps 3-5): POST the state, retried on the configured
 * backoff only for network errors, 5xx and 429; `in_doubt` is committed BEFORE each POST, and a
 * job in doubt reads the order's current state first, so a change that may already have been
 * applied is never posted twice.
 */
export async function deliverClaimedJob(app: App, job: SyncJobRow, target: StoreDelivery, signal?: AbortSignal): Promise<JobOutcome> {
  const { db, logger } = app;
  let inDoubt = job.in_doubt === 1;
  let attempts = job.attempts;
  let alreadyOnPlatform = false;
  const outcome = (status: JobOutcomeStatus, error: string | null = null, httpStatus: number | null = null): JobOutcome => ({
    id_sync_job: job.id_sync_job, id_order: job.id_order, status, already_on_platform: alreadyOnPlatform, error, http_status: httpStatus,
  });

  try {
    if (target.platform instanceof EcomSyncError) throw target.platform;
    if (target.credentialsRefused !== null) {
      throw new PlatformError('PLATFORM_UNAUTHORIZED', `not sent: ${target.credentialsRefused}`, { status: 401, details: { statusLine: 'HTTP 401 Unauthorized' } });
    }
    const platform = target.platform;
    await retryPlatformCall(async () => {
      if (inDoubt) {
        const current = await platform.readOrderState(job.id_origin, signal === undefined ? {} : { signal });
        if (current === null) {
          throw new PlatformError('PLATFORM_ORDER_NOT_FOUND', `order ${job.id_origin} does not exist on store ${target.store.name} (#${job.id_store})`, {
            hint: `Check the order on the shop; run \`ecom-sync orders pull --store ${job.id_store}\` to refresh it.`,
          });
        }
        if (current === job.id_platform_state) {
          alreadyOnPlatform = true;
          return;
        }
      }
      attempts += 1;
      // Committed before the request leaves: after a crash at any instant the next worker knows
      // the POST may have happened and reads the order first.
      await db.updateTable('sync_jobs').set({ in_doubt: 1, attempts, updated_at: app.clock.now() }).where('id_sync_job', '=', job.id_sync_job).execute();
      inDoubt = true;
      try {
        await platform.pushState(job.id_origin, job.id_platform_state, { sendEmail: job.send_email === 1, ...(signal === undefined ? {} : { signal }) });
      } catch (error) {
        // Refused before anything happened (4xx, 429, connection refused): nothing to check next time.
        if (error instanceof PlatformError && !error.outcomeUnknown) inDoubt = false;
        throw error;
      }
    }, retryPolicyFromConfig(app.config.sync), {
      sleep: (ms, s) => app.clock.sleep(ms, s),
      ...(signal === undefined ? {} : { signal }),
      onRetry: (error, attempt, delayMs) => {
        logger.warn({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `sync job ${job.id_sync_job} (order ${job.id_order}): attempt ${attempt} failed (${statusLine(error)}), next in ${delayMs} ms`);
      },
    });
  } catch (error) {
    return recordFailure(app, job, target, error, { inDoubt, attempts, signal, outcome });
  }

  const now = app.clock.now();
  const note = alreadyOnPlatform ? ' (already in that state on the platform: not posted again)' : '';
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('sync_jobs')
      .set({ status: 'done', in_doubt: 0, attempts, lease_owner: null, lease_until: null, last_error: null, last_http_status: alreadyOnPlatform ? 200 : 201, done_at: now, updated_at: now })
      .where('id_sync_job', '=', job.id_sync_job)
      .execute();
    await trx.updateTable('orders').set({ id_ecommerce_state: job.id_ecommerce_order_state }).where('id_order', '=', job.id_order).execute();
    await writeSyncLog(trx, {
      id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'info',
      message: `state ${job.id_platform_state} pushed to store ${job.id_store}${note}; id_ecommerce_state = ${job.id_ecommerce_order_state}`,
    }, now);
  });
  if (target.store.credentials_error !== null) {
    await clearStoreCredentialsFailure(db, job.id_store);
    target.store.credentials_error = null;
  }
  logger.info({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `Stato ordine ${job.id_order} sincronizzato con successo a store ${job.id_store} (platform_state_id=${job.id_platform_state})`);
  logger.info({ order_id: job.id_order }, `Updated order ${job.id_order}.id_ecommerce_state to ${job.id_ecommerce_order_state}`);
  return outcome('done');
}

interface FailureState {
  inDoubt: boolean;
  attempts: number;
  signal: AbortSignal | undefined;
  outcome: (status: JobOutcomeStatus, error?: string | null, httpStatus?: number | null) => JobOutcome;
}

async function recordFailure(app: App, job: SyncJobRow, target: StoreDelivery, error: unknown, state: FailureState): Promise<JobOutcome> {
  const { db, logger, config } = app;
  const now = app.clock.now();
  const base = { in_doubt: state.inDoubt ? 1 : 0, attempts: state.attempts, lease_owner: null, lease_until: null, updated_at: now };

  // A shutdown in the middle: the job goes back to the queue as it is, not counted as a failed run.
  if (state.signal?.aborted === true) {
    await db.updateTable('sync_jobs').set({ ...base, status: 'pending', next_attempt_at: now }).where('id_sync_job', '=', job.id_sync_job).execute();
    return state.outcome('pending', 'interrupted by shutdown');
  }

  const httpStatus = error instanceof PlatformError ? (error.status ?? null) : null;
  let message = error instanceof Error ? error.message : String(error);
  let permanent: boolean;
  if (error instanceof PlatformError && error.code === 'PLATFORM_UNAUTHORIZED') {
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
  const nextAttemptAt = now + delayAfterFailedRun(config.sync, runs);
  await db.updateTable('sync_jobs')
    .set({ ...base, status, runs, next_attempt_at: nextAttemptAt, last_error: message.slice(0, 1000), last_http_status: httpStatus })
    .where('id_sync_job', '=', job.id_sync_job)
    .execute();
  await writeSyncLog(db, {
    id_sync_job: job.id_sync_job, id_order: job.id_order, id_store: job.id_store, level: 'error',
    message: permanent ? `failed, not retried automatically: ${message}` : `failed, next attempt at ${new Date(nextAttemptAt).toISOString()}: ${message}`,
  }, now);
  logger.error({ order_id: job.id_order, id_sync_job: job.id_sync_job }, `Errore sync order state per order_id=${job.id_order}: ${statusLine(error)}`);
  return state.outcome(status, message, httpStatus);
}
