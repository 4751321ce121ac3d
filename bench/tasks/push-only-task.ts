import { getStoreById } from '../../src/stores/store-repository.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { insertStore } from '../seed-orders.js';

export interface PushOnlyResult {
  count: number;
  ms: number;
  cpuMs: number;
  concurrency: number;
}

/**
 * The platform side alone: the same N pushes through ecom-sync's PrestaShop client with the same
 * per-store concurrency, and no database work — what this sandbox on this machine allows at best.
 */
export const pushOnlyTask: Task = async (args) => {
  const count = Number(args.count);
  const bench = await createBenchApp();
  try {
    const storeId = await insertStore(bench.app.db, { baseUrl: String(args.url), apiKey: String(args.apiKey) });
    const platform = await bench.app.platforms.forStore(await getStoreById(bench.app.db, storeId), {});
    const origins = (args.origins as number[]).slice(0, count);
    const concurrency = bench.config.sync.concurrency_per_store;
    let next = 0;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < origins.length) {
        const origin = origins[next++] as number;
        await platform.pushState(origin, Number(args.platformState), { sendEmail: false });
      }
    }));
    const cpu = process.cpuUsage(cpuBefore);
    return { count, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, concurrency } satisfies PushOnlyResult;
  } finally {
    await bench.cleanup();
  }
};
