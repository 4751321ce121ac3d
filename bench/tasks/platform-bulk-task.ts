import type { App } from '../../src/app-types.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';
import { seedOrders } from '../seed-orders.js';
import { loadBulkOrderStatus } from './bulk-current-task.js';
import { FROM_STATE, TO_STATE } from './bulk-task-setup.js';

/** Narrow port of src/sync/ (the delivery `ecom-sync sync run` does). */
interface SyncModule {
  deliverDueJobs(app: App, options?: { ignoreBackoff?: boolean }): Promise<{ delivered: number; already_on_platform: number; failed: number; pending: number }>;
}

export interface PlatformBulkResult {
  count: number;
  /** From the bulk call until every job is done (the bulk's own delivery, then `sync run` passes for jobs left pending). */
  ms: number;
  /** The bulk call alone. */
  bulkMs: number;
  cpuMs: number;
  concurrency: number;
  jobsDone: number;
  jobsFailed: number;
  /** `sync run` passes after the bulk call (0: the bulk delivered everything itself). */
  extraPasses: number;
}

const PLATFORM = {
  shopify: { idPlatform: 2, platformName: 'Shopify', name: 'Closed', idPlatformState: 5 },
  woocommerce: { idPlatform: 3, platformName: 'WooCommerce', name: 'Completed', idPlatformState: 4 },
} as const;

/**
 * A bulk change of N orders of a Shopify or WooCommerce store whose new state has a trigger
 * (Shopify: `closed` → orderClose; WooCommerce: `completed` → one PUT), against the sandbox at
 * `url` running in another process. Jobs the bulk leaves pending (a cost bucket wait longer than a
 * delivery may hold) are delivered by `sync run` passes until none is left.
 */
export const platformBulkTask: Task = async (args) => {
  const platform = String(args.platform) as keyof typeof PLATFORM;
  const spec = PLATFORM[platform];
  const count = Number(args.count);
  const { bulkSetOrderStatus } = await loadBulkOrderStatus();
  const { deliverDueJobs } = await importProductModule<SyncModule>('src/sync/index.js');
  const bench = await createBenchApp();
  try {
    const db = bench.app.db;
    const values = platform === 'shopify'
      ? { id_platform: spec.idPlatform, name: 'bench-shopify', base_url: String(args.url), api_key: String(args.accessToken), settings: JSON.stringify({ api_version: '2026-10', auth_mode: 'access-token' }) }
      : { id_platform: spec.idPlatform, name: 'bench-woo', base_url: String(args.url), api_key: String(args.consumerKey), api_secret: String(args.consumerSecret), settings: JSON.stringify({ auth: 'basic' }) };
    await db.insertInto('stores').values(values).execute();
    const storeId = (await db.selectFrom('stores').select('id_store').where('name', '=', values.name).executeTakeFirstOrThrow()).id_store;
    const code = platform === 'shopify' ? 'closed' : 'completed';
    await db.insertInto('ecommerce_order_states')
      .values({ id_store: storeId, id_platform_state: spec.idPlatformState, code, name: spec.name, platform_name: spec.platformName })
      .execute();
    const state = await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).executeTakeFirstOrThrow();
    await db.insertInto('platform_state_triggers')
      .values({ event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: TO_STATE, id_state_platform: state.id_ecommerce_order_state, is_active: 1, send_email: 0 })
      .execute();
    const origins = (args.origins as number[]).slice(0, count);
    if (origins.length < count) throw new Error(`the sandbox has ${origins.length} pushable orders, ${count} needed`);
    const ids = await seedOrders(db, { count, storeId, stateId: FROM_STATE, origins });
    await db.updateTable('orders').set({ id_platform: spec.idPlatform }).where('id_store', '=', storeId).execute();

    const pendingCount = async () => Number((await db.selectFrom('sync_jobs').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'running']).executeTakeFirstOrThrow()).n);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await bulkSetOrderStatus(bench.app, ids.map((id_order) => ({ id_order, id_order_state: TO_STATE })), { sync: true });
    const bulkMs = performance.now() - started;
    let extraPasses = 0;
    // Pending jobs wait for their not_before (the bucket's refill): a pass that finds none due sleeps briefly.
    while ((await pendingCount()) > 0 && extraPasses < 10_000) {
      extraPasses += 1;
      const summary = await deliverDueJobs(bench.app);
      if (summary.delivered + summary.already_on_platform + summary.failed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const byStatus = await db.selectFrom('sync_jobs').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
    const of = (status: string) => Number(byStatus.find((r) => r.status === status)?.n ?? 0);
    return {
      count, ms, bulkMs, cpuMs: (cpu.user + cpu.system) / 1000, concurrency: bench.config.sync.concurrency_per_store,
      jobsDone: of('done'), jobsFailed: of('failed'), extraPasses,
    } satisfies PlatformBulkResult;
  } finally {
    await bench.cleanup();
  }
};
