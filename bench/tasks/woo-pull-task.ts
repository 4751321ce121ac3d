import type { App } from '../../src/app-types.js';
import { startWooSandbox, WOO_SANDBOX_KEYS } from '../../src/platforms/woocommerce-sandbox/index.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';

interface OrdersPullModule {
  pullOrders(app: App, options: { storeId?: number }): Promise<{ stores: Array<{ created: number; pages: number; requests: number }> }>;
}

export interface WooPullResult {
  orderCount: number;
  pageSize: number;
  created: number;
  /** GET /wc/v3/orders requests of the first (full) pull, and of the next (nothing changed) one. */
  pages: number;
  pagesAgain: number;
  /** Every request of the first pull, by route. */
  byRoute: Record<string, number>;
  ms: number;
}

/** `orders pull` of a WooCommerce store with N orders (sandbox in this process), counting its requests. */
export const wooPullTask: Task = async (args) => {
  const orderCount = Number(args.orders);
  const sandbox = await startWooSandbox({ orders: orderCount, seed: 5 });
  const bench = await createBenchApp();
  try {
    const key = WOO_SANDBOX_KEYS.readWrite;
    await bench.app.db.insertInto('stores').values({ id_platform: 3, name: 'bench-woo', base_url: sandbox.url, api_key: key.consumerKey, api_secret: key.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) }).execute();
    const storeId = (await bench.app.db.selectFrom('stores').select('id_store').where('name', '=', 'bench-woo').executeTakeFirstOrThrow()).id_store;
    const { pullOrders } = await importProductModule<OrdersPullModule>('src/pull/orders-pull.js');
    const orderPages = (from: number) => sandbox.requests.slice(from).filter((r) => r.method === 'GET' && r.route === '/wc/v3/orders').length;
    const started = performance.now();
    const report = await pullOrders(bench.app, { storeId });
    const ms = performance.now() - started;
    const byRoute: Record<string, number> = {};
    for (const r of sandbox.requests) byRoute[`${r.method} ${r.route}`] = (byRoute[`${r.method} ${r.route}`] ?? 0) + 1;
    const pages = orderPages(0);
    const before = sandbox.requests.length;
    await pullOrders(bench.app, { storeId });
    return { orderCount, pageSize: bench.config.orders.page_size, created: report.stores[0]?.created ?? 0, pages, pagesAgain: orderPages(before), byRoute, ms } satisfies WooPullResult;
  } finally {
    await bench.cleanup();
    await sandbox.close();
  }
};
