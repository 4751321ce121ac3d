import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueForChanges } from '../../../src/sync/enqueue-for-change.js';
import { BIN, spawnCli } from '../../helpers/run-cli.js';
import { createCliFixture, type CliFixture } from '../../integration/sync/cli-fixture.js';
import { lastHistoryId, storedHistories } from '../../integration/sync/sync-fixtures.js';

const ORDERS = 2000;

function cliEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function queueJobs(f: CliFixture, count: number) {
  const app = await f.open();
  const orders = (await app.db.selectFrom('orders').select(['id_order', 'id_store', 'id_origin']).orderBy('id_order').execute()).slice(0, count);
  await app.db.updateTable('orders').set({ id_order_state: 4 }).where('id_order', 'in', orders.map((o) => o.id_order)).execute();
  await app.db.transaction().execute((trx) => enqueueForChanges(trx, orders.map((o) => ({ order: o, kind: 'order' as const, localStateId: 4 })), {
    config: app.config, now: Date.now(), push: true,
  }));
  await app.close();
  return orders;
}

describe('exactly once across crashes and concurrent workers (built binary)', () => {
  let f: CliFixture;
  beforeAll(() => {
    if (!existsSync(BIN.replace('bin/ecom-sync.js', 'dist/src/cli/main.js'))) throw new Error('run `npm run build` first');
  });
  afterEach(async () => { await f?.cleanup(); });

  it('SIGKILL in the middle of a 2,000-order synced bulk, then `sync run`: every committed change on the platform exactly once', async () => {
    // The default lease (15 s): the takeover must not wait for it.
    f = await createCliFixture({ orders: ORDERS, leaseMs: 15_000, sandbox: { latencyMs: 15 } });
    const before = lastHistoryId(f.sandbox);
    const rows = ['id_order,id_order_state', ...Array.from({ length: ORDERS }, (_, i) => `${1001 + i},4`)];
    await writeFile(path.join(f.dir, 'changes.csv'), `${rows.join('\n')}\n`);

    const child = spawn(process.execPath, [BIN, 'orders', 'bulk', 'changes.csv'], { cwd: f.dir, env: cliEnv(), stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const posts = () => f.sandbox.requests.filter((r) => r.method === 'POST').length;
    await waitFor(() => posts() >= 1600, '1,600 deliveries');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const postedBeforeKill = posts();
    expect(postedBeforeKill).toBeLessThan(ORDERS);

    // Restart at once: the dead process's jobs (same host, pid gone) are taken over by the first
    // run, not after their lease; it delivers every committed change and exits 0.
    // (Unloaded, this run takes 2-3 s; the proof is that nothing is left held, well within the 15 s lease.)
    const run = await spawnCli(['--json', 'sync', 'run'], { cwd: f.dir, env: cliEnv() });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).held_elsewhere).toEqual([]);

    const app = await f.open();
    const committed = await app.db.selectFrom('orders').select(['id_order', 'id_origin', 'id_order_state', 'id_ecommerce_state']).execute();
    const jobs = await app.db.selectFrom('sync_jobs').select(['status']).execute();
    await app.close();
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
    let changed = 0;
    for (const order of committed) {
      const stored = storedHistories(f.sandbox, order.id_origin!, before);
      if (order.id_order_state === 4) {
        changed += 1;
        expect(stored, `order ${order.id_order}`).toEqual([4]);
        expect(f.sandbox.shop.orders.get(order.id_origin!)!.current_state).toBe(4);
        expect(order.id_ecommerce_state).not.toBeNull();
      } else {
        expect(stored, `uncommitted order ${order.id_order}`).toEqual([]);
      }
    }
    expect(changed).toBe(jobs.length);
    expect(changed).toBeGreaterThan(postedBeforeKill);
  }, 180_000);

  it('a slow shop never lets a lease lapse: a second `sync run` cannot take the held jobs, reports them and exits non-zero', async () => {
    // Lease 1.5 s, heartbeat 0.5 s, each request 8 s (within a 20 s request timeout): without renewal
    // the second run would post again.
    f = await createCliFixture({ orders: 3, leaseMs: 1500, totalTimeoutMs: 20_000, sandbox: { latencyMs: 8000 } });
    const before = lastHistoryId(f.sandbox);
    const orders = await queueJobs(f, 3);
    const first = spawnCli(['--json', 'sync', 'run'], { cwd: f.dir, env: cliEnv() });
    await waitFor(() => f.sandbox.requests.filter((r) => r.method === 'POST').length >= 3, '3 posts in flight');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(f.sandbox.requests.filter((r) => r.method === 'POST' && r.status !== 0)).toHaveLength(0);
    const second = await spawnCli(['--json', 'sync', 'run'], { cwd: f.dir, env: cliEnv() });
    const a = await first;
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).delivered).toBe(3);
    expect(second.code).not.toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.delivered).toBe(0);
    expect(report.held_elsewhere.length).toBeGreaterThan(0);
    expect(report.held_elsewhere[0].lease_owner).toMatch(/^[^:]+:\d+:/);
    for (const o of orders) expect(storedHistories(f.sandbox, o.id_origin!, before)).toEqual([4]);
    expect(f.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  }, 60_000);

  it('two `sync run` processes at once: no job delivered twice', async () => {
    f = await createCliFixture({ orders: 400, sandbox: { latencyMs: 5 }, concurrency: 3 });
    const before = lastHistoryId(f.sandbox);
    const app = await f.open();
    const orders = await app.db.selectFrom('orders').select(['id_order', 'id_store', 'id_origin']).execute();
    await app.db.updateTable('orders').set({ id_order_state: 4 }).execute();
    await app.db.transaction().execute((trx) => enqueueForChanges(trx, orders.map((o) => ({ order: o, kind: 'order' as const, localStateId: 4 })), {
      config: app.config, now: Date.now(), push: true,
    }));
    await app.close();

    const [a, b] = await Promise.all([
      spawnCli(['--json', 'sync', 'run'], { cwd: f.dir, env: cliEnv() }),
      spawnCli(['--json', 'sync', 'run'], { cwd: f.dir, env: cliEnv() }),
    ]);
    // A run that saw jobs the other one held says so (exit 4/5 while any remain); together they deliver all.
    expect([0, 4, 5], a.stderr).toContain(a.code);
    expect([0, 4, 5], b.stderr).toContain(b.code);
    const delivered = [JSON.parse(a.stdout).delivered, JSON.parse(b.stdout).delivered];
    expect(delivered[0] + delivered[1]).toBe(400);
    expect(delivered[0]).toBeGreaterThan(0);
    expect(delivered[1]).toBeGreaterThan(0);
    for (const o of orders) expect(storedHistories(f.sandbox, o.id_origin!, before)).toEqual([4]);
    expect(f.sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(400);
  }, 120_000);
});
