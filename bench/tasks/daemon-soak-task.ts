import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { systemClock } from '../../src/app.js';
import { createDaemonStatus } from '../../src/daemon/daemon-status.js';
import { loadDaemonServices } from '../../src/daemon/load-daemon-services.js';
import { quietSleep, runWorkerLoop } from '../../src/daemon/loops.js';
import { benchLogger, createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';

export interface DaemonSoak {
  polls: number;
  /** heapUsed after a full GC, before the polls (after a warm-up) and after them, MB. */
  heapBeforeMb: number;
  heapAfterMb: number;
  /** Abort listeners left on the daemon's signal after the polls. */
  abortListeners: number;
  wallMs: number;
}

/** A full collection, so that heap figures count what is still referenced, not garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => { gc(); gc(); };
}

/**
 * The daemon's sync worker as start-daemon runs it — the system clock's sleep on the daemon's
 * signal, deliverDueJobs on an empty queue of a migrated SQLite file — for `polls` idle polls of
 * `pollMs`, then the heap growth over them.
 */
export const daemonSoakTask: Task = async (args) => {
  const polls = Number(args.polls);
  const warmup = Number(args.warmup);
  const pollMs = Number(args.pollMs);
  const gc = collector();
  const bench = await createBenchApp();
  try {
    const services = await loadDaemonServices();
    const stop = new AbortController();
    const status = createDaemonStatus(Date.now());
    let done = 0;
    let heapBefore = 0;
    let started = 0;
    const loop = runWorkerLoop({
      now: () => systemClock.now(), sleep: quietSleep((ms, s) => systemClock.sleep(ms, s)), signal: stop.signal,
      deliverySignal: stop.signal, pollMs, logger: benchLogger(), status,
      deliver: async (signal) => {
        done += 1;
        if (done === warmup) {
          gc();
          heapBefore = process.memoryUsage().heapUsed;
          started = performance.now();
        }
        if (done === warmup + polls) stop.abort();
        const result = await services.deliverDueJobs(bench.app, { signal, limit: 20 });
        return result.delivered + result.failed;
      },
    });
    await loop;
    const wallMs = performance.now() - started;
    const abortListeners = getEventListeners(stop.signal, 'abort').length;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    return { polls, heapBeforeMb: heapBefore / 1024 ** 2, heapAfterMb: heapAfter / 1024 ** 2, abortListeners, wallMs } satisfies DaemonSoak;
  } finally {
    await bench.cleanup();
  }
};
