import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { insertSyncJob, supersedeOpenJobs } from '../../../src/sync/sync-job-repository.js';
import { claimJobs } from '../../../src/sync/claim-jobs.js';
import { createPrng } from '../../../src/platforms/sandbox/prng.js';
import { deliverDueJobs } from '../../../src/sync/deliver-due-jobs.js';
import { captureLogger, createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

const ORDERS = 40;

/** A clock the test moves by hand, so that lease expiry is a step of the test, not a wait. */
function manualClock(start: number) {
  let now = start;
  return {
    clock: {
      now: () => now,
      sleep: (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, Math.min(ms, 5));
        signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
      }),
    },
    advance(ms: number) { now += ms; },
  };
}

function job(storeId: number, order: number, platformState: number, ecommerceState: number, now: number) {
  return {
    id_order: order, id_store: storeId, id_trigger: null, event_type: 'order_status_changed', id_state_local: 3,
    id_ecommerce_order_state: ecommerceState, id_platform_state: platformState, id_origin: order, send_email: 0,
    status: 'pending' as const, next_attempt_at: now, created_at: now, updated_at: now,
  };
}

// Row locks are what PostgreSQL and MariaDB add; SQLite's single writer is covered by the sync tests.
for (const dialect of testDialects().filter((d) => d !== 'sqlite')) {
  describe(`${dialect}: claims by two processes on one database`, () => {
    let t: TestApp;
    let other: App;
    let ecommerceState: number;
    const time = manualClock(Date.now());

    beforeAll(async () => {
      t = await createTestApp({ dialect, config: { sync: { lease_ms: 10_000 } }, overrides: { clock: time.clock }, sandbox: { orders: ORDERS } });
      // A second app: its own connection pool and processId, as another daemon would have.
      other = await createApp(t.config, captureLogger().logger, { env: {}, clock: time.clock });
      t.database.closeBeforeDrop(() => other.close());
      const storeId = t.storeId as number;
      await t.app.db.insertInto('ecommerce_order_states').values({ id_store: storeId, id_platform_state: 3, name: 'In preparazione', platform_name: 'PrestaShop' }).execute();
      ecommerceState = (await t.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').executeTakeFirstOrThrow()).id_ecommerce_order_state;
      await t.app.db.insertInto('orders').values(Array.from({ length: ORDERS }, (_, i) => ({ id_order: i + 1, id_origin: i + 1, id_platform: 1, id_store: storeId, id_order_state: 3 }))).execute();
    });
    afterAll(async () => {
      await other?.close();
      await t?.cleanup();
    });

    it('never runs two jobs of one order at once, while new jobs of the same orders keep arriving', async () => {
      const storeId = t.storeId as number;
      const now = time.clock.now();
      for (let order = 1; order <= ORDERS; order += 1) await insertSyncJob(t.app.db, job(storeId, order, 3, ecommerceState, now));

      /** Order → the job a worker holds now. Cleared BEFORE the job is marked done, so an overlap seen here is real. */
      const held = new Map<number, number>();
      const overlaps: string[] = [];
      const claimedIds: number[] = [];
      let producing = true;

      // Seeded: a failing interleaving can be run again.
      const prng = createPrng(12);
      const worker = async (app: App) => {
        let idle = 0;
        while (producing || idle < 20) {
          const [claimed] = await claimJobs(app, { limit: 1 });
          if (claimed === undefined) {
            idle += 1;
            await new Promise((resolve) => setTimeout(resolve, 2));
            continue;
          }
          idle = 0;
          const holder = held.get(claimed.id_order);
          if (holder !== undefined) overlaps.push(`order ${claimed.id_order}: job ${claimed.id_sync_job} claimed while job ${holder} runs`);
          held.set(claimed.id_order, claimed.id_sync_job);
          claimedIds.push(claimed.id_sync_job);
          await new Promise((resolve) => setTimeout(resolve, prng.int(0, 3)));
          held.delete(claimed.id_order);
          await app.db.updateTable('sync_jobs').set({ status: 'done', lease_owner: null, lease_until: null }).where('id_sync_job', '=', claimed.id_sync_job).execute();
        }
      };
      // New changes of the same orders, half as a status change enqueues them (superseding the
      // order's open jobs in the same transaction), half as bare inserts (a retry, another path).
      const producer = async () => {
        for (let round = 0; round < 300; round += 1) {
          const order = 1 + (round % ORDERS);
          await t.app.db.transaction().execute(async (trx) => {
            if (round % 2 === 0) await supersedeOpenJobs(trx, [{ id_order: order, state: 3, kind: 'order' }], time.clock.now());
            await insertSyncJob(trx, job(storeId, order, 3, ecommerceState, time.clock.now()));
          });
          if (round % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
        producing = false;
      };
      await Promise.all([producer(), worker(t.app), worker(t.app), worker(other), worker(other)]);

      expect(overlaps).toEqual([]);
      expect(new Set(claimedIds).size).toBe(claimedIds.length);
      // Nothing left behind: per order the newest job ran; older ones were run or superseded.
      const open = await t.app.db.selectFrom('sync_jobs').select(['id_sync_job', 'status']).where('status', 'in', ['pending', 'running']).execute();
      const newest = await t.app.db.selectFrom('sync_jobs').select(['id_order', (eb) => eb.fn.max('id_sync_job').as('id')]).groupBy('id_order').execute();
      const newestStatus = await t.app.db.selectFrom('sync_jobs').select('status').where('id_sync_job', 'in', newest.map((n) => Number(n.id))).execute();
      expect(newestStatus.every((s) => s.status === 'done')).toBe(true);
      // Older jobs left pending behind a newer one are superseded by the next delivery pass.
      expect(open.every((o) => o.status === 'pending')).toBe(true);
    }, 60_000);

    it("takes over a dead worker's jobs after their lease, and delivers each exactly once", async () => {
      const storeId = t.storeId as number;
      await t.app.db.deleteFrom('sync_jobs').execute();
      const now = time.clock.now();
      for (let order = 1; order <= 5; order += 1) await insertSyncJob(t.app.db, job(storeId, order, 3, ecommerceState, now));
      const before = [1, 2, 3, 4, 5].map((id) => t.sandbox?.shop.historiesOf(id).length ?? 0);

      // The other process claims everything and dies (kill -9: no release, no delivery).
      const taken = await claimJobs(other, { limit: 10 });
      expect(taken.map((j) => j.lease_owner)).toEqual(Array(5).fill(other.processId));
      await other.close();

      // While the lease lasts nothing is due for this process.
      time.advance(9_999);
      expect(await claimJobs(t.app, { limit: 10 })).toEqual([]);
      time.advance(2);
      const summary = await deliverDueJobs(t.app, {});
      expect(summary.delivered).toBe(5);
      const after = [1, 2, 3, 4, 5].map((id) => t.sandbox?.shop.historiesOf(id).length ?? 0);
      expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([1, 1, 1, 1, 1]);
      const rows = await t.app.db.selectFrom('sync_jobs').select(['status', 'lease_owner']).execute();
      expect(rows).toEqual(Array(5).fill({ status: 'done', lease_owner: null }));
    }, 60_000);
  });
}
