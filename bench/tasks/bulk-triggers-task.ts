import { startSandbox } from '../../src/platforms/sandbox/index.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { insertStore, seedOrders } from '../seed-orders.js';
import { loadBulkOrderStatus } from './bulk-current-task.js';
import { FROM_STATE, TO_STATE } from './bulk-task-setup.js';

/** PrestaShop's stock "Preparazione in corso": the platform state the trigger pushes. */
const PLATFORM_STATE = 3;

export interface BulkTriggersResult {
  count: number;
  ms: number;
  concurrency: number;
  latencyMs: number;
  /** POSTs to /api/order_histories. */
  posts: number;
  /** Every platform request, by path. */
  byPath: Record<string, number>;
  /** The most requests the sandbox had in flight at once. */
  maxInFlight: number;
  successful: number;
  jobsDone: number;
}

/**
 * A bulk change of N orders whose new state has a trigger, delivered to a sandbox shop that adds
 * `latencyMs` to every request: the platform, not ecom-sync, should be what takes the time.
 */
export const bulkTriggersTask: Task = async (args) => {
  const count = Number(args.count);
  const latencyMs = Number(args.latencyMs);
  const { bulkSetOrderStatus } = await loadBulkOrderStatus();
  const sandbox = await startSandbox({ orders: count, latencyMs });
  try {
    const bench = await createBenchApp();
    try {
      const db = bench.app.db;
      const storeId = await insertStore(db, { baseUrl: sandbox.url, apiKey: sandbox.apiKey });
      await db.updateTable('stores').set({ id_lang: 1 }).where('id_store', '=', storeId).execute();
      await db.insertInto('ecommerce_order_states')
        .values({ id_store: storeId, id_platform_state: PLATFORM_STATE, name: 'Preparazione in corso', platform_name: 'PrestaShop' })
        .execute();
      const state = await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).executeTakeFirstOrThrow();
      await db.insertInto('platform_state_triggers')
        .values({ event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: TO_STATE, id_state_platform: state.id_ecommerce_order_state, is_active: 1 })
        .execute();
      const origins = [...sandbox.shop.orders.keys()].sort((a, b) => a - b).slice(0, count);
      const ids = await seedOrders(db, { count, storeId, stateId: FROM_STATE, origins });

      const before = sandbox.requests.length;
      const started = performance.now();
      const response = (await bulkSetOrderStatus(bench.app, ids.map((id_order) => ({ id_order, id_order_state: TO_STATE })), { sync: true })) as {
        summary?: { successful_count?: number };
      };
      const ms = performance.now() - started;

      const requests = sandbox.requests.slice(before);
      const byPath: Record<string, number> = {};
      for (const request of requests) byPath[`${request.method} ${request.path}`] = (byPath[`${request.method} ${request.path}`] ?? 0) + 1;
      const done = await db.selectFrom('sync_jobs').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'done').executeTakeFirstOrThrow();
      return {
        count,
        ms,
        concurrency: bench.config.sync.concurrency_per_store,
        latencyMs,
        posts: requests.filter((r) => r.method === 'POST' && r.path === '/api/order_histories').length,
        byPath,
        maxInFlight: maxConcurrent(requests.map((r) => r.at), latencyMs),
        successful: response.summary?.successful_count ?? 0,
        jobsDone: Number(done.n),
      } satisfies BulkTriggersResult;
    } finally {
      await bench.cleanup();
    }
  } finally {
    await sandbox.close();
  }
};

/** Requests whose arrival falls within one latency window of each other: an estimate of the concurrency reached. */
function maxConcurrent(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
