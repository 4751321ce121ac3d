import type { Config } from '../config/config-types.js';

/**
 * When a job whose delivery run failed is tried again: retry_after_failure_ms doubled per failed
 * run, capped at retry_after_failure_max_ms. `runs` counts the failed runs including this one.
 */
export function delayAfterFailedRun(sync: Config['sync'], runs: number): number {
  const exponent = Math.max(0, runs - 1);
  return Math.min(sync.retry_after_failure_max_ms, Math.round(sync.retry_after_failure_ms * 2 ** Math.min(exponent, 30)));
}

