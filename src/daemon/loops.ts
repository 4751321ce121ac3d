import { isoFromEpochMs } from '../dates/iso-date.js';
import type { Logger } from '../logging/create-logger.js';
import { loopStatus, type DaemonStatus } from './daemon-status.js';

export interface LoopTiming {
  now: () => number;
  /** Resolves after ms, or early (without throwing) when the signal aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
}

export interface PeriodicLoopOptions extends LoopTiming {
  name: string;
  intervalMs: number;
  /** Asked before each due run; a follower checks again every `followerPollMs`. */
  mayRun: () => Promise<boolean> | boolean;
  followerPollMs: number;
  run: (signal: AbortSignal) => Promise<unknown>;
  /** The first run waits this long after the start (default 0: at once). */
  firstRunAfterMs?: number;
  logger: Logger;
  status: DaemonStatus;
}

const iso = (ms: number) => isoFromEpochMs(ms);

/**
 * Runs `run` at start and then every `intervalMs` (measured from the start of the previous run) for
 * as long as `mayRun` allows. One sequential loop: a run never overlaps the previous one; a run that
 * takes longer than the interval is followed by the next one at once. Errors are logged and the loop
 * goes on.
 */
export async function runPeriodicLoop(options: PeriodicLoopOptions): Promise<void> {
  const { name, intervalMs, signal, now, sleep, logger } = options;
  const state = loopStatus(options.status, name);
  let lastStart: number | undefined;
  const firstDueAt = now() + (options.firstRunAfterMs ?? 0);
  while (!signal.aborted) {
    const at = now();
    const dueAt = lastStart === undefined ? firstDueAt : lastStart + intervalMs;
    if (at < dueAt) {
      state.next_run_at = iso(dueAt);
      await sleep(Math.min(dueAt - at, options.followerPollMs), signal);
      continue;
    }
    let allowed = false;
    try {
      allowed = await options.mayRun();
    } catch (error) {
      logger.error({ err: error, loop: name }, `loop ${name}: cannot check the leader lock`);
    }
    state.active = allowed;
    if (!allowed) {
      state.next_run_at = null;
      await sleep(options.followerPollMs, signal);
      continue;
    }
    lastStart = at;
    state.running = true;
    state.last_started_at = iso(at);
    try {
      await options.run(signal);
      state.runs += 1;
      state.last_error = null;
    } catch (error) {
      if (signal.aborted) break;
      state.failures += 1;
      state.last_error = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, loop: name }, `loop ${name} failed: ${state.last_error}`);
    } finally {
      state.running = false;
      state.last_finished_at = iso(now());
    }
    state.next_run_at = iso(lastStart + intervalMs);
  }
  state.running = false;
}

export interface WorkerLoopOptions extends LoopTiming {
  pollMs: number;
  /** Delivers what is due; returns how many jobs it handled (0 = idle). */
  deliver: (signal: AbortSignal) => Promise<number>;
  /** Passed to deliver: aborted later than `signal`, when the shutdown deadline is reached. */
  deliverySignal: AbortSignal;
  logger: Logger;
  status: DaemonStatus;
}

/**
 * The sync worker: delivers due jobs continuously, sleeping `pollMs` when there was nothing to do
 * (or after an error, so a broken database is not hammered). It stops claiming at `signal`; work in
 * flight gets until `deliverySignal`.
 */
export async function runWorkerLoop(options: WorkerLoopOptions): Promise<void> {
  const { signal, sleep, logger } = options;
  const state = loopStatus(options.status, 'sync_worker');
  state.active = true;
  while (!signal.aborted) {
    let handled = 0;
    state.running = true;
    state.last_started_at = isoFromEpochMs(options.now());
    try {
      handled = await options.deliver(options.deliverySignal);
      state.runs += 1;
      state.last_error = null;
    } catch (error) {
      state.failures += 1;
      state.last_error = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, loop: 'sync_worker' }, `sync worker: ${state.last_error}`);
    } finally {
      state.running = false;
      state.last_finished_at = isoFromEpochMs(options.now());
    }
    if (handled === 0) await sleep(options.pollMs, signal);
  }
  state.active = false;
}

/** The clock's sleep, turned into one that returns quietly when the signal aborts. */
export function quietSleep(sleep: (ms: number, signal?: AbortSignal) => Promise<void>): LoopTiming['sleep'] {
  return (ms, signal) => (signal.aborted ? Promise.resolve() : sleep(Math.max(0, ms), signal).catch(() => undefined));
}
