import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app-types.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/start-daemon.js';
import { captureLogger, createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createFakeClock, settle, type FakeClock } from '../../unit/daemon/fake-clock.js';
import { AUTH, TOKEN } from './daemon-fixture.js';

const HOUR = 3_600_000;

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('startDaemon: loops with fake time, one leader per database', () => {
  let clock: FakeClock;
  let t: TestApp;
  let appB: App;
  let a: RunningDaemon;
  let b: RunningDaemon;
  const stopA = new AbortController();
  const stopB = new AbortController();
  // States pulls run by each daemon's loop (the orders pull may read the catalogue too: not counted).
  const runsA = () => a.status.loops.states_pull?.runs ?? 0;
  const runsB = () => b.status.loops.states_pull?.runs ?? 0;
  const statePulls = () => runsA() + runsB();

  beforeAll(async () => {
    clock = createFakeClock(Date.now());
    t = await createTestApp({ config: { daemon: { token: TOKEN, states_interval_s: 3600, orders_interval_s: 86_400, worker_poll_ms: 60_000 } }, overrides: { clock } });
    appB = await createApp(t.config, captureLogger().logger, { clock, env: {} });
    t.database.closeBeforeDrop(() => appB.close());
    const services = await loadDaemonServices();
    a = await startDaemon(t.app, { host: '127.0.0.1', port: 0, signal: stopA.signal, services, leaderLeaseMs: 300_000 });
    await settle();
    b = await startDaemon(appB, { host: '127.0.0.1', port: 0, signal: stopB.signal, services, leaderLeaseMs: 300_000 });
  });
  afterAll(async () => {
    stopA.abort();
    stopB.abort();
    await clock.advance(1000);
    await Promise.all([a?.stopped, b?.stopped]);
    await appB?.close();
    await t.cleanup();
  });

  it('the leader pulls the states at start, not after an hour; the other daemon does not', async () => {
    await waitFor(() => statePulls() === 1, 'the first states pull');
    await clock.advance(1000);
    expect([runsA(), runsB()]).toEqual([1, 0]);
    const pulled = await t.app.db.selectFrom('ecommerce_order_states').select('id_platform_state').execute();
    expect(pulled.length).toBe(t.sandbox?.shop.orderStates.size);
    expect(a.status.leader).toBe(true);
    expect(b.status.leader).toBe(false);
    const health = await fetch(`${a.url}/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', leader: true, loops: { states_pull: { runs: 1, active: true }, sync_worker: { active: true } } });
  });

  it('then once an hour', async () => {
    await clock.advance(HOUR - 2000);
    expect(statePulls()).toBe(1);
    await clock.advance(1000);
    await waitFor(() => statePulls() === 2, 'the hourly pull');
    await clock.advance(HOUR);
    await waitFor(() => statePulls() === 3, 'the next hourly pull');
  });

  it('both serve the API; when the leader stops, the other takes the loops over', async () => {
    for (const daemon of [a, b]) {
      const res = await fetch(`${daemon.url}/api/v1/init`, { headers: AUTH });
      expect(res.status).toBe(200);
    }
    stopA.abort();
    await clock.advance(1000);
    await a.stopped;
    expect(await t.app.db.selectFrom('app_locks').select('owner').where('name', '=', 'loops').executeTakeFirst()).toBeUndefined();
    await clock.advance(100_000); // the next heartbeat of b
    await waitFor(() => b.status.leader && runsB() === 1, 'the takeover');
    expect(runsA()).toBe(3);
    await expect(fetch(`${a.url}/health`)).rejects.toThrow();
  });
});
