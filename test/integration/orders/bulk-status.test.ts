import { afterEach, describe, expect, it } from 'vitest';
import { bulkSetOrderStatus } from '../../../src/orders/bulk-order-status.js';
import { parseBulkCsv } from '../../../src/orders/bulk-input-csv.js';
import { enqueueForChange, listJobs } from '../../../src/sync/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';
import { addTrigger, lastHistoryId, seedSyncData, storedHistories } from '../sync/sync-fixtures.js';

async function* text(value: string): AsyncGenerator<string> {
  yield value;
}

for (const dialect of testDialects()) {
  describe(`bulk status (${dialect})`, () => {
    let t: TestApp;
    afterEach(async () => { await t?.cleanup(); });

    it('applies the valid rows, reports each invalid one, and syncs the applied ones', async () => {
      t = await createTestApp({ dialect, sandbox: { orders: 20 } });
      const sandbox = t.sandbox!;
      await seedSyncData(t.app, sandbox, t.storeId!, { orders: 6 });
      await addTrigger(t.app, t.storeId!, 3, 3);
      await t.app.db.updateTable('orders').set({ id_order_state: 3 }).where('id_order', '=', 1004).execute();
      const before = lastHistoryId(sandbox);
      const csv = [
        'id_order,id_order_state',
        '1001,3', // ok, synced
        '1002,3', // ok, synced
        '1003,2', // ok, no trigger
        '1004,3', // already set
        '9999,3', // not found
        '1005,42', // invalid state
        '1001,4', // duplicate
        'abc,3', // malformed
        '1006,',  // malformed
      ].join('\n');
      const response = await bulkSetOrderStatus(t.app, parseBulkCsv(text(csv)), { batchSize: 2 });
      expect(response.successful).toEqual([
        { id_order: 1001, old_state: 1, new_state: 3 },
        { id_order: 1002, old_state: 1, new_state: 3 },
        { id_order: 1003, old_state: 1, new_state: 2 },
      ]);
      expect(response.failed.map((f) => [f.id_order, f.error, f.line]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([
        [1004, 'STATE_ALREADY_SET', 5],
        [9999, 'ORDER_NOT_FOUND', 6],
        [1005, 'INVALID_STATE', 7],
        [1001, 'DUPLICATE_ORDER', 8],
        ['abc', 'INVALID_ROW', 9],
        [1006, 'INVALID_ROW', 10],
      ]);
      expect(response.failed.every((f) => f.message.length > 0)).toBe(true);
      expect(response.summary).toEqual({ total: 9, successful_count: 3, failed_count: 6 });
      expect(response.sync).toMatchObject({ jobs_created: 2, delivered: 2, failed: 0, pending: 0 });
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      expect(storedHistories(sandbox, 2, before)).toEqual([3]);
      expect(storedHistories(sandbox, 3, before)).toEqual([]);
      const states = await t.app.db.selectFrom('orders').select(['id_order', 'id_order_state']).orderBy('id_order').execute();
      expect(states.map((o) => o.id_order_state)).toEqual([3, 3, 2, 3, 1, 1]);
      const history = await t.app.db.selectFrom('orders_history').select('id_order').execute();
      expect(history).toHaveLength(3);
    });

    it('with sync off records the changes without jobs', async () => {
      t = await createTestApp({ dialect, sandbox: { orders: 5 } });
      await seedSyncData(t.app, t.sandbox!, t.storeId!, { orders: 3 });
      await addTrigger(t.app, t.storeId!, 3, 3);
      const response = await bulkSetOrderStatus(t.app, [{ id_order: 1001, id_order_state: 3 }, { id_order: 1002, id_order_state: 3 }], { sync: false });
      expect(response.summary).toEqual({ total: 2, successful_count: 2, failed_count: 0 });
      expect(response.sync).toBeNull();
      expect(await listJobs(t.app)).toHaveLength(0);
      expect(t.sandbox!.requests).toHaveLength(0);
    });

    it('delivers the jobs it created and no other due job of the database', async () => {
      t = await createTestApp({ dialect, sandbox: { orders: 10 } });
      const sandbox = t.sandbox!;
      const { originOf } = await seedSyncData(t.app, sandbox, t.storeId!, { orders: 6 });
      await addTrigger(t.app, t.storeId!, 3, 3);
      // A change of order 1006 queued earlier (by another process, or before a crash) and due now.
      const other = await t.app.db.transaction().execute((trx) => enqueueForChange(trx, {
        order: { id_order: 1006, id_store: t.storeId!, id_origin: originOf(1006) }, kind: 'order', localStateId: 3,
      }, { config: t.app.config, now: t.app.clock.now(), push: true }));
      if (other.outcome !== 'queued') throw new Error(`no job queued: ${other.outcome}`);
      const before = lastHistoryId(sandbox);
      const response = await bulkSetOrderStatus(t.app, [1001, 1002, 1003].map((id) => ({ id_order: id, id_order_state: 3 })), { batchSize: 2 });
      expect(response.sync).toMatchObject({ jobs_created: 3, delivered: 3, failed: 0, pending: 0 });
      for (const origin of [1, 2, 3]) expect(storedHistories(sandbox, origin, before)).toEqual([3]);
      expect(storedHistories(sandbox, originOf(1006), before)).toEqual([]);
      const left = await t.app.db.selectFrom('sync_jobs').select(['status', 'attempts']).where('id_sync_job', '=', other.id_sync_job).executeTakeFirstOrThrow();
      expect(left).toEqual({ status: 'pending', attempts: 0 });
    });

    it('delivers a few hundred jobs, each exactly once', async () => {
      t = await createTestApp({ dialect, sandbox: { orders: 300 }, config: { sync: { concurrency_per_store: 3 } } });
      const sandbox = t.sandbox!;
      const { orderIds } = await seedSyncData(t.app, sandbox, t.storeId!, { orders: 300 });
      await addTrigger(t.app, t.storeId!, 4, 4);
      const before = lastHistoryId(sandbox);
      const response = await bulkSetOrderStatus(t.app, orderIds.map((id) => ({ id_order: id, id_order_state: 4 })));
      expect(response.summary.successful_count).toBe(300);
      expect(response.sync).toMatchObject({ jobs_created: 300, delivered: 300 });
      const posts = sandbox.requests.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(300);
      for (let origin = 1; origin <= 300; origin += 1) expect(storedHistories(sandbox, origin, before)).toEqual([4]);
    });
  });
}
