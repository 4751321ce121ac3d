import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Config } from '../config/config-types.js';
import { PlatformError } from '../errors.js';

/**
 * How often and how patiently an idempotent platform call is repeated.
 *
 * The spec says "3 attempts, backoff 1s, 2s, 4s" (Tenacity `stop_after_attempt(3)` with
 * `wait_exponential`). Three attempts have only two waits between them, so the spec's 4 s wait is
 * never reached: `{ attempts: 3, minTimeoutMs: 1000, factor: 2 }` waits 1 s then 2 s. An operator
 * who wants all three waits (1 s, 2 s, 4 s) configures `attempts: 4`.
 */
export interface RetryPolicy {
  /** Total attempts, the first one included (1 = no retry). */
  attempts: number;
  /** Wait before the second attempt. */
  minTimeoutMs: number;
  /** Each following wait is the previous one times this factor. */
  factor: number;
  /** Upper bound of one wait. */
  maxTimeoutMs: number;
  /**
   * The longest wait that is slept (a platform's Retry-After may ask for an hour). A longer one
   * ends the call with PlatformWaitError instead: the caller schedules the work for that time.
   */
  maxWaitMs?: number;
}

/**
 * The platform asked to wait longer than the policy sleeps (Retry-After beyond `maxWaitMs`).
 * Nothing was applied by the refused call; `waitUntil` is when the platform accepts calls again.
 */
export class PlatformWaitError extends PlatformError {
  constructor(override readonly cause: PlatformError, readonly waitMs: number, readonly waitUntil: number) {
    super('PLATFORM_WAIT_REQUESTED', `${cause.message}; the shop asked to wait until ${new Date(waitUntil).toISOString()}`, {
      cause,
      retryable: true,
      outcomeUnknown: cause.outcomeUnknown,
      retryAfterMs: waitMs,
      ...(cause.status === undefined ? {} : { status: cause.status }),
      ...(cause.details === undefined ? {} : { details: cause.details }),
      hint: 'The change is kept and delivered after that time by the daemon or `ecom-sync sync run`.',
    });
  }
}

/** The spec's policy: 3 attempts, waits of 1 s and 2 s (see RetryPolicy). */
/** The configured policy (`sync.attempts`, `sync.backoff_*`): deliveries and the clients' reads use the same. */
export function retryPolicyFromConfig(sync: Config['sync']): RetryPolicy {
  return { attempts: Math.max(1, sync.attempts), minTimeoutMs: sync.backoff_ms, factor: sync.backoff_factor, maxTimeoutMs: sync.backoff_max_ms, maxWaitMs: sync.max_wait_ms };
}

export const SPEC_RETRY_POLICY: RetryPolicy = { attempts: 3, minTimeoutMs: 1000, factor: 2, maxTimeoutMs: 4000 };

/** The waits between attempts, in order: `attempts - 1` of them. Pure, so tests assert exact values. */
export function backoffDelays(policy: RetryPolicy): number[] {
  const delays: number[] = [];
  for (let i = 0; i < policy.attempts - 1; i += 1) {
    delays.push(Math.min(policy.maxTimeoutMs, Math.round(policy.minTimeoutMs * policy.factor ** i)));
  }
  return delays;
}

/** Only platform errors that say so are worth repeating: never a 4xx, never a bug. */
export function isRetryablePlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError && error.retryable;
}

/** The wait before the attempt after `failedAttempt` (1-based): the backoff, or longer when the platform sent Retry-After. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, error: PlatformError): number {
  const backoff = backoffDelays(policy)[failedAttempt - 1] ?? policy.maxTimeoutMs;
  return Math.max(backoff, error.retryAfterMs ?? 0);
}

export interface RetryCallOptions {
  /** Called before each wait; `attempt` is the attempt that just failed (1-based). */
  onRetry?(error: PlatformError, attempt: number, delayMs: number): void;
  signal?: AbortSignal;
  /** Injected so tests run without real waiting. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  /** For PlatformWaitError's `waitUntil`; default Date.now. */
  now?(): number;
}

/** Rejects with the signal's own reason, so a shutdown reads as a shutdown rather than a generic AbortError. */
async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleepFor(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw signal.reason;
    throw error;
  }
}

/**
 * Runs `fn` up to `policy.attempts` times while it fails with a retryable PlatformError and
 * throws the last error. Only idempotent calls belong here: a write whose outcome is unknown
 * must be checked (read the order's state) by the caller before it is sent again.
 *
 * A plain loop, so that the timing lives in one place: the wait after a failure is the backoff
 * or the platform's Retry-After, whichever is longer, and a wait beyond `maxWaitMs` is never
 * slept (a worker would hold its job, and a CLI its caller, for as long): PlatformWaitError.
 */
export async function retryPlatformCall<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, options: RetryCallOptions = {}): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const attempts = Math.max(1, policy.attempts);
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryablePlatformError(error) || attempt >= attempts) throw error;
      const delayMs = retryDelayMs(policy, attempt, error);
      if (policy.maxWaitMs !== undefined && delayMs > policy.maxWaitMs) {
        throw new PlatformWaitError(error, delayMs, (options.now ?? Date.now)() + delayMs);
      }
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}
