import type { App } from '../../src/app-types.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';
import { TO_STATE, localBulkFixture, timeBulk } from './bulk-task-setup.js';

/** The narrow port of src/orders/bulk-order-status.ts that the benchmark calls. */
export interface BulkOrderStatusModule {
  bulkSetOrderStatus(app: App, rows: Array<{ id_order: number; id_order_state: number }>, options: { sync: boolean }): Promise<unknown>;
}

export function loadBulkOrderStatus(): Promise<BulkOrderStatusModule> {
  return importProductModule<BulkOrderStatusModule>('src/orders/bulk-order-status.js');
}

/** ecom-sync's bulk path, local only (the store has no trigger). */
export const bulkCurrentTask: Task = async (args) => {
  const count = Number(args.count);
  const { bulkSetOrderStatus } = await loadBulkOrderStatus();
  const { bench, changes } = await localBulkFixture(count);
  try {
    const timing = await timeBulk(count, () => bulkSetOrderStatus(bench.app, changes, { sync: true }));
    const moved = await bench.app.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).where('id_order_state', '=', TO_STATE).executeTakeFirstOrThrow();
    if (Number(moved.n) !== count) throw new Error(`bulkSetOrderStatus changed ${String(moved.n)} of ${count} orders`);
    return timing;
  } finally {
    await bench.cleanup();
  }
};
