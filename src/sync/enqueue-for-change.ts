import type { Config } from '../config/config-types.js';
import type { SyncJobStatus } from '../db/database-types.js';
import { findStoreById, listStores } from '../stores/store-repository.js';
import { insertJobs, type JobRequest } from './enqueue-sync-job.js';
import { findOpenJobTo, supersedeOpenJobs, type Db, type LaterChange } from './sync-job-repository.js';
import { findTriggerTarget, loadTriggerTargets, triggerKey, type TriggerKind, type TriggerTarget } from './trigger-target.js';

/**
 * The sync port of a status change: the one place where sync jobs are created. Every change —
 * single (CLI, REST, shipping), bulk, the drift's "push local", an event emitted without job ids —
 * comes here inside its transaction; the caller then delivers exactly the returned job ids.
 */

export interface OrderToSync {
  id_order: number;
  id_store: number | null;
  id_origin: number | null;
  /** orders.id_ecommerce_state: the platform state last seen (read by the 'event' rules only). */
  id_ecommerce_state?: number | null;
}

/** An order entering a local state of a kind. */
export interface ChangeToSync {
  order: OrderToSync;
  kind: TriggerKind;
  localStateId: number;
}

/** Where triggers and stores' send_email come from: queried per change, or loaded once for a bulk. */
export interface TargetSource {
  target(db: Db, kind: TriggerKind, storeId: number, localStateId: number): Promise<TriggerTarget | undefined>;
  storeSendEmail(db: Db, storeId: number): Promise<number | null>;
}

/** Read in the change's own transaction, as it stands now. */
export const liveTargets: TargetSource = {
  target: (db, kind, storeId, localStateId) => findTriggerTarget(db, kind, storeId, localStateId),
  storeSendEmail: async (db, storeId) => (await findStoreById(db, storeId))?.send_email ?? null,
};

/** A kind's active triggers and every store's send_email in two queries, for a whole bulk change. */
export async function preloadTargets(db: Db, kind: TriggerKind): Promise<TargetSource> {
  const triggers = await loadTriggerTargets(db, kind);
  const stores = new Map((await listStores(db)).map((s) => [s.id_store, s.send_email]));
  return {
    target: async (_db, wanted, storeId, localStateId) => (wanted === kind ? triggers.get(triggerKey(storeId, localStateId)) : undefined),
    storeSendEmail: async (_db, storeId) => stores.get(storeId) ?? null,
  };
}

export interface EnqueueOptions {
  config: Pick<Config, 'sync'>;
  now: number;
  /**
   * Whether a push is wanted at all: false with `--no-sync` or `plugins.platform_state_sync`
   * disabled (read from the config by the caller). The change still supersedes older jobs.
   */
  push: boolean;
  /**
   * 'change' (default): the change was just written in this transaction: the latest change wins,
   * so any older open job of the order is superseded, and a trigger match gets a new job.
   * 'event': the change was written by someone else and may be reported twice (an event emitted
   * without `meta.sync_job_ids`): a platform already in the target state gets nothing, an open
   * job towards it is reused, and nothing is superseded unless a new job is queued.
   */
  rules?: 'change' | 'event';
  targets?: TargetSource;
}

export type ChangeSync =
  | { outcome: 'queued'; id_sync_job: number; status: SyncJobStatus; last_error: string | null; target: TriggerTarget }
  | { outcome: 'reused'; id_sync_job: number; target: TriggerTarget }
  | { outcome: 'already-there'; target: TriggerTarget }
  | { outcome: 'no-trigger' }
  | { outcome: 'not-linked' }
  | { outcome: 'not-pushed' };

export interface EnqueueResult {
  /** One per change, in the changes' order. */
  changes: ChangeSync[];
  /** The jobs to deliver now (queued or reused), in increasing order. */
  jobIds: number[];
}

/** The spec's log line for a change no active trigger maps. */
export function noTriggerMessage(orderId: number, stateId: number, storeId: number): string {
  return `Nessun trigger trovato per order_id=${orderId}, state_id=${stateId}, store=${storeId}`;
}

function laterChange(change: ChangeToSync): LaterChange {
  return { id_order: change.order.id_order, state: change.localStateId, kind: change.kind };
}

/**
 * Inside the change's transaction: resolves each change's trigger target, applies the rules
 * (see `rules`) and inserts the new jobs. At most one change per order in a call.
 */
export async function enqueueForChanges(trx: Db, changes: readonly ChangeToSync[], options: EnqueueOptions): Promise<EnqueueResult> {
  const targets = options.targets ?? liveTargets;
  const eventRules = options.rules === 'event';
  // A change that gets a new job has its outcome once the insert gave the id.
  const outcomes: Array<ChangeSync | undefined> = [];
  const requests: JobRequest[] = [];
  const requestAt: number[] = [];
  const reused: number[] = [];
  for (const [index, change] of changes.entries()) {
    const { order } = change;
    if (!options.push) { outcomes.push({ outcome: 'not-pushed' }); continue; }
    if (order.id_store === null || order.id_origin === null) { outcomes.push({ outcome: 'not-linked' }); continue; }
    const target = await targets.target(trx, change.kind, order.id_store, change.localStateId);
    if (!target) { outcomes.push({ outcome: 'no-trigger' }); continue; }
    if (eventRules) {
      // The same event handled twice must not push twice: already there, or an open job is reused.
      if (order.id_ecommerce_state === target.id_ecommerce_order_state) { outcomes.push({ outcome: 'already-there', target }); continue; }
      const open = await findOpenJobTo(trx, order.id_order, target.id_ecommerce_order_state);
      if (open !== undefined) { outcomes.push({ outcome: 'reused', id_sync_job: open, target }); reused.push(open); continue; }
    }
    outcomes.push(undefined);
    requestAt.push(index);
    requests.push({
      order: { id_order: order.id_order, id_store: order.id_store, id_origin: order.id_origin },
      kind: change.kind, localStateId: change.localStateId, target, storeSendEmail: await targets.storeSendEmail(trx, order.id_store),
    });
  }
  // Latest wins, trigger or not: a change without a push still makes the order's older pushes pointless.
  const superseding = eventRules ? requestAt.map((i) => changes[i]!) : changes;
  await supersedeOpenJobs(trx, superseding.map(laterChange), options.now);
  const inserted = requests.length === 0 ? [] : await insertJobs(trx, requests, options.config, options.now);
  for (const [n, job] of inserted.entries()) {
    outcomes[requestAt[n]!] = { outcome: 'queued', id_sync_job: job.id_sync_job, status: job.values.status, last_error: job.values.last_error ?? null, target: requests[n]!.target };
  }
  const jobIds = [...inserted.map((j) => j.id_sync_job), ...reused].sort((a, b) => a - b);
  return { changes: outcomes.map((o) => o!), jobIds };
}

/** One change: see enqueueForChanges. */
export async function enqueueForChange(trx: Db, change: ChangeToSync, options: EnqueueOptions): Promise<ChangeSync> {
  return (await enqueueForChanges(trx, [change], options)).changes[0]!;
}
