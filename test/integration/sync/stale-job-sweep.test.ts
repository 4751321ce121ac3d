import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/app-types.js';
import type { SyncJobStatus } from '../../../src/db/database-types.js';
import { supersedeStaleJobs } from '../../../src/sync/claim-jobs.js';
import { sweepStaleJobs } from '../../../src/sync/stale-job-sweep.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';
import { seedSyncData } from './sync-fixtures.js';

const START = Date.UTC(2026, 11, 1, 9, 0, 0);
const LEASE_MS = 15_000;

function manualClock(): Clock & { advance(ms: number): void } {
  let now = START;
  return { now: () => now, sleep: () => Promise.resolve(), advance: (ms) => { now += ms; } };
}

for (const dialect of testDialects()) {
  describe(`the worker's stale-job sweep runs only when something can be stale (${dialect})`, () => {
    let t: TestApp;
    afterEach(async () => { await t?.cleanup(); });

    it('new jobs, a lapsed lease, or sync.lease_ms since the last sweep: then and only then are stale jobs superseded', async () => {
      const clock = manualClock();
      t = await createTestApp({ dialect, overrides: { clock }, config: { sync: { lease_ms: LEASE_MS } } });
      const { ecommerceStateOf } = await seedSyncData(t.app, t.sandbox!, t.storeId!, { orders: 3 });
      const state = await ecommerceStateOf(3);
      const addJob = async (orderId: number, status: SyncJobStatus, extra: { lease_until?: number } = {}): Promise<number> => {
        await t.app.db.insertInto('sync_jobs').values({
          id_order: orderId, id_store: t.storeId!, event_type: 'order_status_changed', id_state_local: 3, id_ecommerce_order_state: state, id_platform_state: 3,
          id_origin: orderId - 1000, status, next_attempt_at: clock.now(), created_at: clock.now(), updated_at: clock.now(),
          ...(extra.lease_until === undefined ? {} : { lease_owner: 'elsewhere:1:x', lease_token: 't', lease_until: extra.lease_until }),
        }).execute();
        return Number((await t.app.db.selectFrom('sync_jobs').select((eb) => eb.fn.max('id_sync_job').as('id')).executeTakeFirstOrThrow()).id);
      };
      const statusOf = async (id: number) => (await t.app.db.selectFrom('sync_jobs').select('status').where('id_sync_job', '=', id).executeTakeFirstOrThrow()).status;

      // New jobs: an older pending job of an order with a newer failed one is stale at once.
      const older = await addJob(1001, 'pending');
      await addJob(1001, 'failed');
      expect(await sweepStaleJobs(t.app)).toBe(1);
      expect(await statusOf(older)).toBe('superseded');

      // Revived without a new job (as `sync retry` does): not looked for until sync.lease_ms has passed.
      await t.app.db.updateTable('sync_jobs').set({ status: 'pending' }).where('id_sync_job', '=', older).execute();
      expect(await sweepStaleJobs(t.app)).toBe(0);
      expect(await statusOf(older)).toBe('pending');
      clock.advance(LEASE_MS);
      expect(await sweepStaleJobs(t.app)).toBe(1);
      expect(await statusOf(older)).toBe('superseded');

      // A running job under a live lease is not stale; once its lease lapses (its worker died), it is.
      const running = await addJob(1002, 'running', { lease_until: clock.now() + 2000 });
      await addJob(1002, 'pending');
      expect(await sweepStaleJobs(t.app)).toBe(0);
      clock.advance(1000);
      expect(await sweepStaleJobs(t.app)).toBe(0);
      clock.advance(1500);
      expect(await sweepStaleJobs(t.app)).toBe(1);
      expect(await statusOf(running)).toBe('superseded');

      // A delivery of given jobs sweeps only their orders' jobs: another order's stale job is the worker's.
      const elsewhere = await addJob(1003, 'running', { lease_until: clock.now() - 1 });
      await addJob(1003, 'pending');
      const mine = await addJob(1001, 'running', { lease_until: clock.now() - 1 });
      const given = await addJob(1001, 'pending');
      expect(await supersedeStaleJobs(t.app, { jobIds: [given] })).toBe(1);
      expect(await statusOf(mine)).toBe('superseded');
      expect(await statusOf(elsewhere)).toBe('running');
      expect(await statusOf(given)).toBe('pending');
    });
  });
}
