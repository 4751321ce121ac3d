import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../helpers/test-database.js';
import { health, setUpScale, spawnDaemon, stopDaemon, until, type DaemonProcess, type ScaleSetup } from './scale-fixture.js';

const LEASE_MS = 2000;
const CONFIG = [
  `sync: { lease_ms: ${LEASE_MS} }`,
  'daemon: { worker_poll_ms: 200, states_interval_s: 3600, orders_interval_s: 3600, shutdown_timeout_ms: 2000 }',
  '',
].join('\n');

// SQLite too: two daemons on one host may share its file, and the lease row works the same there.
for (const dialect of testDialects()) {
  describe(`${dialect}: the periodic loops run in one daemon at a time and move when it dies`, () => {
    let setup: ScaleSetup;
    let a: DaemonProcess | undefined;
    let b: DaemonProcess | undefined;
    const statesRequests = () => setup.sandbox.requests.filter((r) => r.path.startsWith('/api/order_states')).length;
    const lockOwner = async () => (await setup.db.selectFrom('app_locks').select('owner').where('name', '=', 'loops').executeTakeFirst())?.owner;

    beforeAll(async () => {
      setup = await setUpScale(dialect, { orders: 10, configYaml: CONFIG });
    }, 60_000);
    afterAll(async () => {
      await Promise.all([stopDaemon(a), stopDaemon(b)]);
      await setup?.cleanup();
    }, 60_000);

    it('kill -9 of the leader: the other daemon takes the loops over once the lease has run out', async () => {
      a = await spawnDaemon(setup.dir, setup.env);
      await until(async () => (await health(a as DaemonProcess)).loops.states_pull?.runs === 1, 'the first daemon to pull the states at start');
      b = await spawnDaemon(setup.dir, setup.env);

      // Several lease periods later the first daemon still leads: it renews its lease, the other waits.
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
      const [healthA, healthB] = await Promise.all([health(a), health(b)]);
      expect(healthA).toMatchObject({ leader: true, loops: { states_pull: { active: true, runs: 1 }, orders_pull: { active: true } } });
      expect(healthB).toMatchObject({ leader: false, loops: { sync_worker: { active: true } } });
      expect(healthB.loops.states_pull?.runs ?? 0).toBe(0);
      expect(await lockOwner()).toMatch(new RegExp(`^${a.ownerPrefix}`));
      const pullsBefore = statesRequests();

      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      expect((await a.exited).signal).toBe('SIGKILL');
      // Its lease row stays behind (nobody released it): the other daemon waits for it to expire.
      expect(await lockOwner()).toMatch(new RegExp(`^${a.ownerPrefix}`));

      await until(async () => {
        const now = await health(b as DaemonProcess);
        return now.leader && (now.loops.states_pull?.runs ?? 0) >= 1;
      }, 'the other daemon to take the loops over', 30_000);
      const tookMs = Date.now() - killedAt;
      const renewMs = Math.floor(LEASE_MS / 3);
      console.info(`${dialect}: loops taken over ${tookMs} ms after kill -9 (lease ${LEASE_MS} ms, renewed every ${renewMs} ms)`);
      // Not before the dead leader's last renewal ran out; at the latest one follower poll after
      // that, plus room for spawned processes on a busy 2-core machine.
      expect(tookMs).toBeGreaterThanOrEqual(LEASE_MS - renewMs - 100);
      expect(tookMs).toBeLessThanOrEqual(LEASE_MS + renewMs + 4000);
      expect(await lockOwner()).toMatch(new RegExp(`^${b.ownerPrefix}`));
      // The new leader ran the states pull at once against the shop.
      expect(statesRequests()).toBeGreaterThan(pullsBefore);
      expect(b.stdout()).toContain('this daemon now runs the periodic pulls');
    }, 90_000);
  });
}
