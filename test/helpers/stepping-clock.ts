import type { Clock } from '../../src/app-types.js';

export interface SteppingClock extends Clock {
  /** Every sleep asked for, in order. */
  sleeps: number[];
  /** Moves time forward without a sleep. */
  advance(ms: number): void;
}

/**
 * A clock whose sleeps move time instead of waiting; `onAdvance` hears every move, e.g. to move a
 * sandbox's own clock (the Shopify sandbox's cost bucket) with it.
 */
export function steppingClock(start: number, onAdvance: (ms: number) => void = () => undefined): SteppingClock {
  let now = start;
  const sleeps: number[] = [];
  const advance = (ms: number) => {
    now += ms;
    onAdvance(ms);
  };
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      advance(ms);
      return Promise.resolve();
    },
    advance,
  };
}
