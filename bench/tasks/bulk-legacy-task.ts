import type { Task } from '../child-protocol.js';
import { legacyBulkStatusChange } from '../legacy-status-change.js';
import { localBulkFixture, timeBulk } from './bulk-task-setup.js';

/** The reference: one transaction and one event per order. */
export const bulkLegacyTask: Task = async (args) => {
  const count = Number(args.count);
  const { bench, changes } = await localBulkFixture(count);
  try {
    let changed = 0;
    const timing = await timeBulk(count, async () => (changed = await legacyBulkStatusChange(bench.app, changes)));
    if (changed !== count) throw new Error(`the reference changed ${changed} of ${count} orders`);
    return timing;
  } finally {
    await bench.cleanup();
  }
};
