import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { deliverDueJobs, listJobs } from '../../../src/sync/index.js';
import { createTestApp, captureLogger, type TestApp } from '../../helpers/test-app.js';
import { REAL_DIR } from '../../helpers/real-recordings.js';
import { testDialects } from '../../helpers/test-database.js';
import { createFakeClock, type FakeClock } from '../../unit/daemon/fake-clock.js';
import { addTrigger, lastHistoryId, postedHistories, seedSyncData, storedHistories } from './sync-fixtures.js';

const ORDER_HISTORIES = { method: 'POST', path: '/api/order_histories' } as const;

/** Real-time polling for a condition the test does not control the timing of (database round trips). */
async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A pid that existed on this host and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

for (const dialect of testDialects()) {
  describe(`exactly once: leases, waits, reverts, evidence (${dialect})`, () => {
    let t: TestApp;
    const others: App[] = [];
    afterEach(async () => {
      for (const app of others.splice(0)) await app.close();
      await t?.cleanup();
    });

    async function setup(options: { clock?: FakeClock } = {}) {
      t = await createTestApp({ dialect, sandbox: { orders: 20 }, ...(options.clock ? { overrides: { clock: options.clock } } : {}) });
      const sandbox = t.sandbox!;
      const seeded = await seedSyncData(t.app, sandbox, t.storeId!, { orders: 5 });
      const target3 = await addTrigger(t.app, t.storeId!, 3, 3);
      const target4 = await addTrigger(t.app, t.storeId!, 4, 4);
      return { sandbox, ...seeded, target3, target4 };
    }

    /** A second process on the same database (its own processId). */
    async function otherWorker(clock: FakeClock): Promise<App> {
      const app = await createApp(t.config, captureLogger().logger, { env: {}, clock });
      others.push(app);
      return app;
    }

    it('Retry-After longer than sync.max_wait_ms is not slept: pending until that time, and `sync run` keeps it', async () => {
      const { sandbox } = await setup();
      sandbox.faults.failNext(1, 429, { ...ORDER_HISTORIES, retryAfterSeconds: 3600 });
      const started = Date.now();
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.sync).toMatchObject({ status: 'pending', http_status: 429 });
      expect(result.sync?.error).toMatch(/^pending: the shop asked to wait until \d{4}-\d\d-\d\dT/);
      const job = (await listJobs(t.app, { orderId: 1001 }))[0]!;
      expect(job.not_before).not.toBeNull();
      expect(job.next_attempt_at).toBe(job.not_before);
      expect(job.not_before! - Date.now()).toBeGreaterThan(3_500_000);
      expect(result.sync?.wait_until).toBe(new Date(job.not_before!).toISOString().replace('Z', '+00:00'));
      // `sync run` brings ordinary backoffs forward, never the shop's own wait.
      expect(await deliverDueJobs(t.app, { ignoreBackoff: true })).toMatchObject({ delivered: 0, pending: 0 });
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    });

    it('a worker whose lease lapsed while it waited stops before posting: one history row, not two', async () => {
      const clock = createFakeClock(Date.now());
      const { sandbox } = await setup({ clock });
      const before = lastHistoryId(sandbox);
      // 25 s is within max_wait_ms (30 s): slept, while the fake clock lets the 15 s lease lapse
      // (the heartbeat's wall-time cadence does not fire within this test).
      sandbox.faults.failNext(1, 429, { ...ORDER_HISTORIES, retryAfterSeconds: 25 });
      const first = setOrderStatus(t.app, { orderId: 1001, state: 3 });
      await until(() => clock.sleepers > 0);
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      await clock.advance(16_000);
      const other = await otherWorker(clock);
      const taken = deliverDueJobs(other, {});
      // The other worker delivers; the sleeper's poll loop keeps sleeping on the fake clock.
      expect(await taken).toMatchObject({ delivered: 1 });
      await clock.advance(10_000);
      const result = await first;
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      expect(postedHistories(sandbox, 1)).toEqual([3, 3]);
      expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 201]);
      expect(result.sync?.status).toBe('done');
      expect(t.log.lines.some((l) => l.includes('lease lost to another worker'))).toBe(true);
    }, 120_000);

    it('a job held by a dead process of this host is taken over at once, not after its lease', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      const queued = { sync: await setOrderStatusQueued(1001) };
      const dead = `${hostname()}:${deadPid()}:zz9`;
      await t.app.db.updateTable('sync_jobs').set({ status: 'running', lease_owner: dead, lease_token: 'x', lease_until: Date.now() + 600_000, in_doubt: 1 })
        .where('id_sync_job', '=', queued.sync!.id_sync_job).execute();
      // A live process on another host is left alone until its lease lapses.
      await t.app.db.updateTable('sync_jobs').set({ status: 'running', lease_owner: `elsewhere:${process.pid}:a`, lease_token: 'y', lease_until: Date.now() + 600_000 })
        .where('id_sync_job', '=', (await setOrderStatusQueued(1002)).id_sync_job).execute();
      const summary = await deliverDueJobs(t.app, { ignoreBackoff: true });
      expect(summary).toMatchObject({ delivered: 1 });
      expect(summary.held_elsewhere).toEqual([expect.objectContaining({ id_order: 1002, lease_owner: `elsewhere:${process.pid}:a` })]);
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
    });

    async function setOrderStatusQueued(orderId: number) {
      t.sandbox!.faults.failNext(3, 503, ORDER_HISTORIES);
      const result = await setOrderStatus(t.app, { orderId, state: 3 });
      expect(result.sync?.status).toBe('pending');
      return result.sync!;
    }

    it('the caller waits for a job another worker holds and reports its end (done), not "running"', async () => {
      const { sandbox } = await setup();
      const queued = await setOrderStatusQueued(1001);
      const owner = `${hostname()}:${process.pid}:daemon`;
      await t.app.db.updateTable('sync_jobs').set({ status: 'running', lease_owner: owner, lease_token: 't', lease_until: Date.now() + 15_000 })
        .where('id_sync_job', '=', queued.id_sync_job).execute();
      const waiting = deliverDueJobs(t.app, { jobIds: [queued.id_sync_job] });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The "daemon" delivers it.
      await t.app.db.updateTable('sync_jobs').set({ status: 'done', lease_owner: null, lease_token: null, lease_until: null, done_at: Date.now() })
        .where('id_sync_job', '=', queued.id_sync_job).execute();
      const summary = await waiting;
      expect(summary.held_elsewhere).toEqual([]);
      expect((await listJobs(t.app, { orderId: 1001 }))[0]!.status).toBe('done');
      // Only the three 503s of the queuing: this caller never posted the job the other worker held.
      expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 503, 503]);
    });

    it('a later change without a trigger supersedes the pending push (reason in the sync log); nothing is pushed', async () => {
      const { sandbox } = await setup();
      const queued = await setOrderStatusQueued(1001);
      const reverted = await setOrderStatus(t.app, { orderId: 1001, state: 1 });
      expect(reverted.sync).toBeNull();
      const job = (await listJobs(t.app, { orderId: 1001 }))[0]!;
      expect(job).toMatchObject({ id_sync_job: queued.id_sync_job, status: 'superseded' });
      const log = await t.app.db.selectFrom('sync_log').select('message').where('id_sync_job', '=', queued.id_sync_job).execute();
      expect(log.map((l) => l.message)).toContainEqual(expect.stringMatching(/^superseded: order 1001 changed again \(state 1\)/));
      expect(await deliverDueJobs(t.app, { ignoreBackoff: true })).toMatchObject({ delivered: 0 });
      expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 503, 503]);
      expect(sandbox.shop.orders.get(1)!.current_state).toBe(2);
    });

    it('a trigger disabled after the job was queued: cancelled at delivery; re-mapped: the new target is pushed', async () => {
      const { sandbox, target3 } = await setup();
      const before = lastHistoryId(sandbox);
      const a = await setOrderStatusQueued(1001);
      await t.app.db.updateTable('platform_state_triggers').set({ is_active: 0 }).where('id_state_local', '=', 3).execute();
      expect(await deliverDueJobs(t.app, { ignoreBackoff: true })).toMatchObject({ delivered: 0, cancelled: 1 });
      expect((await listJobs(t.app, { orderId: 1001 }))[0]).toMatchObject({ id_sync_job: a.id_sync_job, status: 'cancelled' });
      expect(storedHistories(sandbox, 1, before)).toEqual([]);

      await t.app.db.updateTable('platform_state_triggers').set({ is_active: 1 }).where('id_state_local', '=', 3).execute();
      const b = await setOrderStatusQueued(1002);
      const target5 = (await t.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_platform_state', '=', 5).executeTakeFirstOrThrow()).id_ecommerce_order_state;
      await t.app.db.updateTable('platform_state_triggers').set({ id_state_platform: target5 }).where('id_state_platform', '=', target3).execute();
      expect(await deliverDueJobs(t.app, { ignoreBackoff: true })).toMatchObject({ delivered: 1 });
      expect((await listJobs(t.app, { orderId: 1002 }))[0]).toMatchObject({ id_sync_job: b.id_sync_job, status: 'done', id_platform_state: 5, id_ecommerce_order_state: target5 });
      expect(storedHistories(sandbox, 2, before)).toEqual([5]);
    });

    it('a 201 with an empty body is not done: the order is read, and only a proven change counts', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.answerNext(1, 201, '', ORDER_HISTORIES);
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('done');
      expect(sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201, 201]);
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      expect(sandbox.shop.orders.get(1)!.current_state).toBe(3);
    });

    it('a 200 naming an unrelated order_history is not done either', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      sandbox.faults.answerNext(1, 200, '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop><order_history><id>1</id></order_history></prestashop>', { ...ORDER_HISTORIES, contentType: 'text/xml;charset=utf-8' });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('done');
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
    });

    it('a lying 201 that never applies: the job never becomes done', async () => {
      const { sandbox } = await setup();
      sandbox.faults.answerNext(100, 201, '', ORDER_HISTORIES);
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('pending');
      expect(result.sync?.error).toMatch(/empty body/);
      expect((await listJobs(t.app, { orderId: 1001 }))[0]!.in_doubt).toBe(1);
    });

    it('a bare 500 for a state deleted on the shop: failed for good in one run, naming the state', async () => {
      const { sandbox } = await setup();
      sandbox.shop.orderStates.delete(3);
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('failed');
      expect(result.sync?.error).toMatch(/platform state 3 does not exist on the shop/);
      expect(result.sync?.error).toMatch(/states pull/);
      expect(result.sync?.error).toMatch(/trigger/);
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(sandbox.requests.filter((r) => r.path === '/api/order_states/3')).toHaveLength(1);
    });

    it('a 200 carrying a PHP fatal error: failed, quoting its first line', async () => {
      const { sandbox } = await setup();
      const body = await readFile(path.join(REAL_DIR, '15c-devmode-post-bad-state.body'), 'utf8');
      sandbox.faults.answerNext(1, 200, body, { ...ORDER_HISTORIES, contentType: 'text/html; charset=utf-8' });
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('failed');
      expect(result.sync?.error).toContain('Fatal error: Uncaught PrestaShopException: Invalid new order status');
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    });

    it('a job queued before its target was flagged deleted by a states pull fails at delivery, without a POST', async () => {
      const { sandbox, target3 } = await setup();
      const queued = await setOrderStatusQueued(1001);
      await t.app.db.updateTable('ecommerce_order_states').set({ is_deleted: 1 }).where('id_ecommerce_order_state', '=', target3).execute();
      expect(await deliverDueJobs(t.app, { ignoreBackoff: true })).toMatchObject({ failed: 1, delivered: 0 });
      const job = (await listJobs(t.app, { orderId: 1001 }))[0]!;
      expect(job).toMatchObject({ id_sync_job: queued.id_sync_job, status: 'failed' });
      expect(job.last_error).toMatch(/platform state 3 .*deleted on the platform.*pull the states again/);
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    });

    it('a 500 code 46 after the history row was written: done, warning that the customer e-mail was probably not sent', async () => {
      const { sandbox } = await setup();
      const before = lastHistoryId(sandbox);
      await t.app.db.updateTable('platform_state_triggers').set({ send_email: 1 }).execute();
      sandbox.faults.commitThen500(1, ORDER_HISTORIES);
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('done');
      expect(result.sync?.error).toMatch(/customer e-mail was probably not sent/);
      expect(storedHistories(sandbox, 1, before)).toEqual([3]);
      expect(t.log.lines.some((l) => l.startsWith('WARNING') && l.includes('probably not sent'))).toBe(true);
    });

    it('the last pull saw the shop already in the target state: read first, done without a POST', async () => {
      const { sandbox, target3 } = await setup();
      sandbox.shop.setOrderState(1, 3);
      const before = lastHistoryId(sandbox);
      await t.app.db.updateTable('orders').set({ id_ecommerce_state: target3 }).where('id_order', '=', 1001).execute();
      const result = await setOrderStatus(t.app, { orderId: 1001, state: 3 });
      expect(result.sync?.status).toBe('done');
      expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
      expect(sandbox.requests).toHaveLength(1);
      expect(storedHistories(sandbox, 1, before)).toEqual([]);
      const log = await t.app.db.selectFrom('sync_log').select('message').where('id_order', '=', 1001).execute();
      expect(log.map((l) => l.message)).toContainEqual(expect.stringContaining('already on the shop'));
    });

    it('the common case stays at one platform request per order', async () => {
      const { sandbox } = await setup();
      for (const id of [1001, 1002, 1003]) expect((await setOrderStatus(t.app, { orderId: id, state: 4 })).sync?.status).toBe('done');
      expect(sandbox.requests).toHaveLength(3);
    });
  });
}
