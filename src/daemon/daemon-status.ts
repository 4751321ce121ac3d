import { isoFromEpochMs } from '../dates/iso-date.js';
import type { SubscriptionCheck } from '../webhooks/subscription-check.js';

/** What /health reports about the loops; written by the loops, read by the route. */
export interface LoopStatus {
  /** Whether this process runs the loop now (states/orders: only the leader). */
  active: boolean;
  runs: number;
  failures: number;
  running: boolean;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
  next_run_at: string | null;
}

export interface DaemonStatus {
  started_at: string;
  leader: boolean;
  loops: Record<string, LoopStatus>;
  /** The last answer of each webhook store's platform about ecom-sync's subscriptions (the webhook_check loop). */
  webhook_subscriptions: SubscriptionCheck[];
}

export function createDaemonStatus(now: number): DaemonStatus {
  return { started_at: isoFromEpochMs(now), leader: false, loops: {}, webhook_subscriptions: [] };
}

export function loopStatus(status: DaemonStatus, name: string): LoopStatus {
  status.loops[name] ??= {
    active: false, runs: 0, failures: 0, running: false, last_started_at: null, last_finished_at: null, last_error: null, next_run_at: null,
  };
  return status.loops[name];
}
