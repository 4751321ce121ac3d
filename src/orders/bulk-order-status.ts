import { chunks } from '../chunks.js';
import { messageOf } from '../error-codes.js';
import type { OrdersDeps } from './orders-deps.js';
import { MAX_ID, toDbTimestamp } from '../db/dialect.js';
import { retryOnLockConflict } from '../db/lock-conflict.js';
import { lockOrdersForChange } from '../db/row-locks.js';
import type { Event } from '../events/event-types.js';
import { deliverJobSet, type JobSetSummary } from '../sync/deliver-job-set.js';
import { enqueueForChanges, noTriggerMessage, preloadTargets, type TargetSource } from '../sync/enqueue-for-change.js';
import { JobIdRanges } from '../sync/job-id-ranges.js';
import { platformSyncEnabled, runTransactionalHandlers, statusEvent } from './apply-status-change.js';
import { checkOverride } from '../transitions/transition-errors.js';
import { loadTransitionGuard, verdictWarning, type TransitionGuard } from '../transitions/transition-guard.js';
import { listLocalStates } from './resolve-local-state.js';

export interface BulkRow {
  id_order: unknown;
  id_order_state: unknown;
  /** Line (CSV) or position (JSON) in the input, for messages. */
  line?: number;
}

export type BulkFailureCode = 'ORDER_NOT_FOUND' | 'INVALID_STATE' | 'STATE_ALREADY_SET' | 'DUPLICATE_ORDER' | 'INVALID_ROW' | 'INVALID_TRANSITION';

export interface BulkFailure {
  id_order: unknown;
  error: BulkFailureCode;
  message: string;
  line?: number;
}

export interface BulkStatusResponse {
  successful: Array<{ id_order: number; old_state: number; new_state: number }>;
  failed: BulkFailure[];
  summary: { total: number; successful_count: number; failed_count: number };
  /** What happened on the platforms after the changes were committed (null with --no-sync). */
  sync: (JobSetSummary & { jobs_created: number }) | null;
  /** Rows applied although a transition rule was broken (warn mode or override); absent when none. */
  warnings?: Array<{ id_order: number; message: string; line?: number }>;
}

export interface BulkOptions {
  sync?: boolean;
  /** Rows applied so far (phase 'apply') or jobs delivered so far (phase 'sync'). */
  onProgress?: (done: number, total?: number, phase?: 'apply' | 'sync') => void;
  signal?: AbortSignal;
  /** Rows per transaction; default 500. */
  batchSize?: number;
  /** An admin's override of the transition rules for every row; needs `reason` (stored with each history row). */
  force?: boolean;
  reason?: string | null;
}

interface ValidRow {
  id_order: number;
  state: number;
  line: number | undefined;
}

/** A positive whole number up to MAX_ID from JSON (number or digits) or CSV (digits), else null. */
function positiveInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= MAX_ID ? n : null;
}

/** A value echoed in a failure: long strings are cut, so a hostile file cannot grow the response. */
function echo(value: unknown): unknown {
  return typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value ?? null;
}

/**
 * Bulk status change (POST /api/v1/orders/bulk-status, `ecom-sync orders bulk`). All or nothing
 * for the input: every row is read and checked first (a parser error thrown by `rows` — a
 * truncated or malformed file — stops here, before anything is written); only then are the valid
 * rows applied in batched transactions (a fixed number of statements per batch, no query per
 * row), with their sync jobs; after the last batch the jobs these batches created — those only,
 * not other due jobs of the database — are delivered with the per-store concurrency limit. Rows that are valid but cannot be applied (unknown order, state already
 * set) are reported per row. What is held between the two phases is three numbers per valid row.
 */
export async function bulkSetOrderStatus(app: OrdersDeps, rows: AsyncIterable<BulkRow> | Iterable<BulkRow>, options: BulkOptions = {}): Promise<BulkStatusResponse> {
  const response: BulkStatusResponse = { successful: [], failed: [], summary: { total: 0, successful_count: 0, failed_count: 0 }, sync: null };
  const batchSize = Math.max(1, options.batchSize ?? 500);
  // Transition rules (src/transitions): loaded once for the whole input, judged per row in applyBatch.
  const override = checkOverride(options.force, options.reason);
  const guard = await loadTransitionGuard(app, 'order');
  const states = new Map((await listLocalStates(app.db, 'order')).map((s) => [s.id, s.name]));
  const syncWanted = options.sync !== false && platformSyncEnabled(app.config);
  const seen = new Set<number>();
  const fail = (failure: BulkFailure) => response.failed.push(failure);
  // The staged valid rows, as parallel arrays of small numbers (0 = no line).
  const ids: number[] = [];
  const targetStates: number[] = [];
  const lines: number[] = [];

  for await (const row of rows) {
    if (options.signal?.aborted === true) return response;
    response.summary.total += 1;
    const line = row.line;
    const at = line === undefined ? {} : { line };
    const id = positiveInt(row?.id_order);
    const state = positiveInt(row?.id_order_state);
    if (id === null || state === null) {
      const what = id === null ? `id_order ${JSON.stringify(echo(row?.id_order))}` : `id_order_state ${JSON.stringify(echo(row?.id_order_state))}`;
      fail({ id_order: id ?? echo(row?.id_order), error: 'INVALID_ROW', message: `${what} is not a positive whole number up to ${MAX_ID}`, ...at });
      continue;
    }
    if (seen.has(id)) {
      fail({ id_order: id, error: 'DUPLICATE_ORDER', message: `order ${id} appears more than once; only its first row is applied`, ...at });
      continue;
    }
    seen.add(id);
    if (!states.has(state)) {
      fail({ id_order: id, error: 'INVALID_STATE', message: `order state ${state} does not exist`, ...at });
      continue;
    }
    ids.push(id);
    targetStates.push(state);
    lines.push(line ?? 0);
  }
  seen.clear();

  // Every active trigger and store read once for the whole input, not per row.
  const targets = syncWanted ? await preloadTargets(app.db, 'order') : undefined;
  const invalid = response.failed.length;
  // The ids of the jobs created, as ranges of consecutive ids (flat memory for 100,000 orders).
  const created = new JobIdRanges();
  for (let start = 0; start < ids.length; start += batchSize) {
    if (options.signal?.aborted === true) break;
    const batch: ValidRow[] = [];
    for (let i = start; i < Math.min(ids.length, start + batchSize); i += 1) {
      batch.push({ id_order: ids[i]!, state: targetStates[i]!, line: lines[i] === 0 ? undefined : lines[i] });
    }
    for (const id of await applyBatch(app, batch, { targets, syncWanted, response, fail, guard, override })) created.add(id);
    options.onProgress?.(invalid + start + batch.length, response.summary.total, 'apply');
  }

  response.summary.successful_count = response.successful.length;
  response.summary.failed_count = response.failed.length;
  if (syncWanted) {
    let delivered = 0;
    const counts = await deliverJobSet(app, created, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onJob: () => { delivered += 1; options.onProgress?.(delivered, created.size, 'sync'); },
    });
    response.sync = { ...counts, jobs_created: created.size };
  }
  return response;
}

interface BatchContext {
  targets: TargetSource | undefined;
  syncWanted: boolean;
  response: BulkStatusResponse;
  fail: (failure: BulkFailure) => void;
  guard: TransitionGuard;
  override: { force: boolean; reason: string | null };
}

/** One transaction for a batch; returns the ids of the sync jobs it created, in increasing order. */
async function applyBatch(app: OrdersDeps, batch: ValidRow[], ctx: BatchContext): Promise<number[]> {
  const now = app.clock.now();
  const stamp = toDbTimestamp(new Date(now));
  const ids = batch.map((r) => r.id_order);
  // A transaction the database rolled back over a lock conflict (MariaDB deadlocks between
  // concurrent changes of the same orders) committed nothing: run it again.
  const { applied, rejected, jobs, noTrigger, events, warnings } = await retryOnLockConflict(() => app.db.transaction().execute(async (trx) => {
    // Locks first, before any read (src/db/row-locks.ts).
    await lockOrdersForChange(trx, ids);
    const orders = new Map((await trx.selectFrom('orders').select(['id_order', 'id_order_state', 'id_store', 'id_origin', 'id_platform', 'id_ecommerce_state']).where('id_order', 'in', ids).execute()).map((o) => [o.id_order, o]));
    const applied: Array<ValidRow & { old_state: number }> = [];
    const rejected: BulkFailure[] = [];
    const warnings: NonNullable<BulkStatusResponse['warnings']> = [];
    for (const row of batch) {
      const at = row.line === undefined ? {} : { line: row.line };
      const order = orders.get(row.id_order);
      if (!order) rejected.push({ id_order: row.id_order, error: 'ORDER_NOT_FOUND', message: messageOf('ORDER_NOT_FOUND', { id: row.id_order }), ...at });
      else if (order.id_order_state === row.state) rejected.push({ id_order: row.id_order, error: 'STATE_ALREADY_SET', message: `order ${row.id_order} already is in state ${row.state}`, ...at });
      else {
        const verdict = ctx.guard.judge(order, order.id_order_state, row.state, ctx.override);
        if (verdict.outcome === 'refused') {
          rejected.push({ id_order: row.id_order, error: 'INVALID_TRANSITION', message: `${verdict.violations.map((v) => v.message).join('; ')}`, ...at });
          continue;
        }
        const warning = verdictWarning(row.id_order, verdict, ctx.override.reason);
        if (warning !== null) warnings.push({ id_order: row.id_order, message: warning, ...at });
        applied.push({ ...row, old_state: order.id_order_state });
      }
    }
    const byState = new Map<number, number[]>();
    for (const row of applied) {
      const orderIds = byState.get(row.state);
      if (orderIds) orderIds.push(row.id_order);
      else byState.set(row.state, [row.id_order]);
    }
    for (const [state, orderIds] of byState) {
      await trx.updateTable('orders').set({ id_order_state: state, date_upd: stamp }).where('id_order', 'in', orderIds).execute();
    }
    for (const part of chunks(applied, 300)) {
      await trx.insertInto('orders_history').values(part.map((r) => ({ id_order: r.id_order, id_order_state: r.state, date_add: stamp, reason: ctx.override.reason }))).execute();
    }
    const events: Event[] = applied.map((r) => statusEvent('order', { id_order: r.id_order, id_platform: orders.get(r.id_order)!.id_platform }, r.old_state, r.state, []));
    await runTransactionalHandlers(app, trx, events);

    // The sync port: a job per order a trigger maps; the others' older open jobs superseded (latest wins).
    const synced = await enqueueForChanges(trx, applied.map((r) => ({ order: orders.get(r.id_order)!, kind: 'order' as const, localStateId: r.state })), {
      config: app.config, now, push: ctx.syncWanted, ...(ctx.targets === undefined ? {} : { targets: ctx.targets }),
    });
    const noTrigger: Array<[number, number, number]> = [];
    for (const [i, change] of synced.changes.entries()) {
      if (change.outcome === 'no-trigger') noTrigger.push([applied[i]!.id_order, applied[i]!.state, orders.get(applied[i]!.id_order)!.id_store!]);
    }
    const jobIds = synced.jobIds;
    return { applied, rejected, jobs: jobIds, noTrigger, events, warnings };
  }));
  for (const warning of warnings) {
    app.logger.warn(warning.message);
    (ctx.response.warnings ??= []).push(warning);
  }
  for (const failure of rejected) ctx.fail(failure);
  for (const row of applied) ctx.response.successful.push({ id_order: row.id_order, old_state: row.old_state, new_state: row.state });
  if (app.logger.isLevelEnabled('debug')) for (const [order, state, store] of noTrigger) app.logger.debug(noTriggerMessage(order, state, store));
  // The jobs are delivered together after the last batch, with the concurrency limit; the events
  // carry an empty job list so that the sync handler does not deliver them one by one.
  for (const event of events) await app.bus.emit(event);
  return jobs;
}
