import { createBenchApp, type BenchApp } from '../bench-app.js';
import type { StatusChange } from '../legacy-status-change.js';
import { insertStore, seedOrders } from '../seed-orders.js';

/** Orders start "Pagamento accettato" (2) and move to "In preparazione" (3): the daily bulk of a shop. */
export const FROM_STATE = 2;
export const TO_STATE = 3;

export interface BulkFixture {
  bench: BenchApp;
  storeId: number;
  changes: StatusChange[];
}

/** N orders of a store with no trigger, and the change list moving all of them. */
export async function localBulkFixture(count: number): Promise<BulkFixture> {
  const bench = await createBenchApp();
  const storeId = await insertStore(bench.app.db);
  const ids = await seedOrders(bench.app.db, { count, storeId, stateId: FROM_STATE });
  return { bench, storeId, changes: ids.map((id_order) => ({ id_order, id_order_state: TO_STATE })) };
}

export interface BulkTiming {
  count: number;
  ms: number;
  /** CPU time (user + system) of the process during the call. */
  cpuMs: number;
  /** RSS just before the bulk call (node, drivers, fixture), MB. */
  rssBeforeMb: number;
}

export async function timeBulk(count: number, body: () => Promise<unknown>): Promise<BulkTiming> {
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await body();
  const cpu = process.cpuUsage(cpuBefore);
  return { count, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, rssBeforeMb };
}
