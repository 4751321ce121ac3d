import type { App } from '../../src/app-types.js';
import { startSandbox, type Sandbox } from '../../src/platforms/sandbox/index.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';
import { insertStore } from '../seed-orders.js';

/** Narrow ports of src/pull/. */
interface StatesPullModule {
  pullStates(app: App, options: { storeId?: number }): Promise<unknown>;
}
interface OrdersPullModule {
  pullOrders(app: App, options: { storeId?: number }): Promise<unknown>;
}

export interface PullCount {
  /** Requests per webservice resource path, e.g. `/api/orders` → 11. */
  byPath: Record<string, number>;
  total: number;
  ms: number;
  error?: string;
}

export interface PullRequests {
  /** The store leaves the language to the shop (stores.id_lang null, the default): the first pull also reads the shop's default language. */
  states: PullCount;
  /** The same store's next pull (the hourly one): the default language is remembered. */
  statesAgain: PullCount;
  /** The store names its language (stores.id_lang set). */
  statesWithLanguage: PullCount;
  orders: PullCount;
  stateCount: number;
  orderCount: number;
  pageSize: number;
}

async function countRequests(sandbox: Sandbox, body: () => Promise<unknown>): Promise<PullCount> {
  const before = sandbox.requests.length;
  const started = performance.now();
  let error: string | undefined;
  try {
    await body();
  } catch (caught) {
    error = (caught as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ? `code not there yet: ${(caught as Error).message}` : (caught as Error).message;
  }
  const ms = performance.now() - started;
  const byPath: Record<string, number> = {};
  for (const request of sandbox.requests.slice(before)) byPath[request.path] = (byPath[request.path] ?? 0) + 1;
  return { byPath, total: sandbox.requests.length - before, ms, ...(error ? { error } : {}) };
}

/** States pull of a shop with `states` states and orders pull of `orders` orders, counting platform requests. */
export const pullRequestsTask: Task = async (args) => {
  const stateCount = Number(args.states);
  const orderCount = Number(args.orders);
  const sandbox = await startSandbox({ orders: orderCount });
  try {
    // The seeded shop has PrestaShop's stock states; more are added as a shop owner would.
    for (let id = sandbox.shop.orderStates.size + 1; sandbox.shop.orderStates.size < stateCount; id++) {
      sandbox.shop.addState({ name: { 1: `Stato personalizzato ${id}`, 2: `Custom state ${id}` } });
    }
    const bench = await createBenchApp();
    try {
      const storeId = await insertStore(bench.app.db, { baseUrl: sandbox.url, apiKey: sandbox.apiKey });
      const pullStoreStates = async () => {
        const { pullStates } = await importProductModule<StatesPullModule>('src/pull/states-pull.js');
        await pullStates(bench.app, { storeId });
      };
      const states = await countRequests(sandbox, pullStoreStates);
      const statesAgain = await countRequests(sandbox, pullStoreStates);
      await bench.app.db.updateTable('stores').set({ id_lang: 1 }).where('id_store', '=', storeId).execute();
      const statesWithLanguage = await countRequests(sandbox, pullStoreStates);
      const orders = await countRequests(sandbox, async () => {
        const { pullOrders } = await importProductModule<OrdersPullModule>('src/pull/orders-pull.js');
        await pullOrders(bench.app, { storeId });
      });
      return { states, statesAgain, statesWithLanguage, orders, stateCount: sandbox.shop.orderStates.size, orderCount: sandbox.shop.orders.size, pageSize: bench.config.orders.page_size } satisfies PullRequests;
    } finally {
      await bench.cleanup();
    }
  } finally {
    await sandbox.close();
  }
};
