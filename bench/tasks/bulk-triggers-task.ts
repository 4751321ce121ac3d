import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { insertStore, seedOrders } from '../seed-orders.js';
import { loadBulkOrderStatus } from './bulk-current-task.js';
import { FROM_STATE, TO_STATE } from './bulk-task-setup.js';

/** PrestaShop's stock "Preparazione in corso": the platform state the trigger pushes. */
export const PLATFORM_STATE = 3;

export interface BulkTriggersResult {
  count: number;
  ms: number;
  /** CPU time (user + system) of this process during the bulk call. */
  cpuMs: number;
  concurrency: number;
  successful: number;
  jobsDone: number;
}

/**
 * A bulk change of N orders whose new state has a trigger, delivered to the sandbox shop at
 * `url` (running in another process, adding its latency to every request).
 */
export const bulkTriggersTask: Task = async (args) => {
  const count = Number(args.count);
  const { bulkSetOrderStatus } = await loadBulkOrderStatus();
  const bench = await createBenchApp();
  try {
    const db = bench.app.db;
    const storeId = await insertStore(db, { baseUrl: String(args.url), apiKey: String(args.apiKey) });
    await db.updateTable('stores').set({ id_lang: 1 }).where('id_store', '=', storeId).execute();
    await db.insertInto('ecommerce_order_states')
      .values({ id_store: storeId, id_platform_state: PLATFORM_STATE, name: 'Preparazione in corso', platform_name: 'PrestaShop' })
      .execute();
    const state = await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).executeTakeFirstOrThrow();
    await db.insertInto('platform_state_triggers')
      .values({ event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: TO_STATE, id_state_platform: state.id_ecommerce_order_state, is_active: 1 })
      .execute();
    const origins = (args.origins as number[]).slice(0, count);
    const ids = await seedOrders(db, { count, storeId, stateId: FROM_STATE, origins });

    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const response = (await bulkSetOrderStatus(bench.app, ids.map((id_order) => ({ id_order, id_order_state: TO_STATE })), { sync: true })) as {
      summary?: { successful_count?: number };
    };
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const done = await db.selectFrom('sync_jobs').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'done').executeTakeFirstOrThrow();
    return {
      count,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      concurrency: bench.config.sync.concurrency_per_store,
      successful: response.summary?.successful_count ?? 0,
      jobsDone: Number(done.n),
    } satisfies BulkTriggersResult;
  } finally {
    await bench.cleanup();
  }
};
