import type { Clock } from '../../../src/app-types.js';

export interface FakeClock extends Clock {
  /** Moves time forward, firing due sleeps in time order and letting their continuations run. */
  advance(ms: number): Promise<void>;
  readonly sleepers: number;
}

/** Lets async continuations (including database round trips) run before time moves on. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

export function createFakeClock(start = Date.UTC(2025, 0, 6, 8, 0, 0)): FakeClock {
  let now = start;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        // Like the system clock: the abort listener goes when the sleep ends, either way.
        const onAbort = () => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
          reject(signal?.reason);
        };
        const timer = { at: now + Math.max(0, ms), resolve: () => { signal?.removeEventListener('abort', onAbort); resolve(); } };
        timers.push(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > target) break;
        timers.shift();
        now = next.at;
        next.resolve();
        await settle();
      }
      now = target;
      await settle();
    },
    get sleepers() {
      return timers.length;
    },
  };
}
