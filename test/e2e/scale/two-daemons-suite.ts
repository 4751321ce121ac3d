import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/db/dialect.js';
import { logLines, seedPendingJobs, setUpScale, spawnDaemon, stopDaemon, until, type DaemonProcess, type ScaleSetup } from './scale-fixture.js';

const JOBS = 5000;
const LOCAL_STATE = 3;
/** PrestaShop's "Processing in progress". */
const PLATFORM_STATE = 3;

const CONFIG = [
  'sync: { lease_ms: 30000, concurrency_per_store: 4, backoff_ms: 20, backoff_max_ms: 80 }',
  'daemon: { worker_poll_ms: 50, states_interval_s: 3600, orders_interval_s: 3600, shutdown_timeout_ms: 5000 }',
  '',
].join('\n');

/** The job ids a daemon reports as delivered, from the spec's success message in its JSON log. */
function deliveredBy(daemon: DaemonProcess): number[] {
  return logLines(daemon).filter((l) => typeof l.msg === 'string' && l.msg.includes('sincronizzato con successo')).map((l) => Number(l.id_sync_job));
}

/**
 * Two `ecom-sync daemon` processes on one database with JOBS pending jobs: one test file per
 * dialect, so that each stays under a minute and the files run in parallel.
 */
export function describeTwoDaemons(dialect: DialectName): void {
  describe(`${dialect}: two daemon processes on one database share ${JOBS} pending jobs`, () => {
    let setup: ScaleSetup;
    let a: DaemonProcess | undefined;
    let b: DaemonProcess | undefined;

    beforeAll(async () => {
      setup = await setUpScale(dialect, { orders: JOBS, configYaml: CONFIG });
    }, 120_000);
    afterAll(async () => {
      await Promise.all([stopDaemon(a), stopDaemon(b)]);
      await setup?.cleanup();
    }, 60_000);

    it('delivers each job exactly once, and both daemons deliver some', async () => {
      const { db, sandbox } = setup;
      const historiesBefore = new Map<number, number>();
      for (let id = 1; id <= JOBS; id += 1) historiesBefore.set(id, sandbox.shop.historiesOf(id).length);
      const postsBefore = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/order_histories').length;

      [a, b] = await Promise.all([spawnDaemon(setup.dir, setup.env), spawnDaemon(setup.dir, setup.env)]);
      await seedPendingJobs(setup, JOBS, LOCAL_STATE, PLATFORM_STATE);

      const countDone = async () => Number((await db.selectFrom('sync_jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'done').executeTakeFirstOrThrow()).n);
      await until(async () => (await countDone()) === JOBS, `${JOBS} done jobs`, 150_000, 250);

      // The shop: one new order_history per order, in the trigger's state; no POST beyond one per job.
      const posts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/order_histories').length - postsBefore;
      expect(posts).toBe(JOBS);
      const wrong: number[] = [];
      for (let id = 1; id <= JOBS; id += 1) {
        const histories = sandbox.shop.historiesOf(id);
        if (histories.length - (historiesBefore.get(id) ?? 0) !== 1 || histories.at(-1)?.id_order_state !== PLATFORM_STATE) wrong.push(id);
      }
      expect(wrong).toEqual([]);

      // The database: every job done after a single attempt, one sync_log row each, orders updated.
      const jobs = await db.selectFrom('sync_jobs').select(['status', 'attempts']).execute();
      expect(jobs.filter((j) => j.status !== 'done' || Number(j.attempts) !== 1)).toEqual([]);
      const logRows = await db.selectFrom('sync_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(logRows.n)).toBe(JOBS);

      // The split: each process logged the jobs it delivered; no job in both logs, all jobs in one.
      await until(() => deliveredBy(a as DaemonProcess).length + deliveredBy(b as DaemonProcess).length >= JOBS, 'the last log lines', 10_000);
      const byA = deliveredBy(a);
      const byB = deliveredBy(b);
      expect(byA.filter((id) => byB.includes(id))).toEqual([]);
      expect(new Set([...byA, ...byB]).size).toBe(JOBS);
      expect(byA.length + byB.length).toBe(JOBS);
      expect(byA.length).toBeGreaterThan(0);
      expect(byB.length).toBeGreaterThan(0);
      // No lock conflict or other error surfaced in either daemon.
      expect([...logLines(a), ...logLines(b)].filter((l) => Number(l.level) >= 50)).toEqual([]);
      console.info(`${dialect}: daemon A delivered ${byA.length} jobs, daemon B ${byB.length}`);

      // Both stop cleanly on SIGTERM and leave no lease behind.
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect(await a.exited).toEqual({ code: 0, signal: null });
      expect(await b.exited).toEqual({ code: 0, signal: null });
      expect(await db.selectFrom('app_locks').selectAll().execute()).toEqual([]);
    }, 180_000);
  });
}
