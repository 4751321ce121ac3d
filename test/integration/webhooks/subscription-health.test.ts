import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonServices } from '../../../src/daemon/daemon-services.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/start-daemon.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createFakeClock, type FakeClock } from '../../unit/daemon/fake-clock.js';
import { TOKEN } from '../daemon/daemon-fixture.js';

const HOUR = 3_600_000;

interface HealthWebhook {
  id_store: number;
  subscriptions: { checked_at: string; active: number; disabled: string[]; missing: string[]; error: string | null } | null;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the daemon asks the platform whether its webhook subscriptions are still active', () => {
  let clock: FakeClock;
  let t: TestApp;
  let woo: WooSandbox;
  let daemon: RunningDaemon;
  let storeId = 0;
  let listCalls = 0;
  const stop = new AbortController();
  const health = async () => ((await fetch(`${daemon.url}/health`).then((r) => r.json())) as { webhooks: HealthWebhook[] }).webhooks;

  beforeAll(async () => {
    clock = createFakeClock(Date.UTC(2026, 10, 30, 10, 0, 0));
    t = await createTestApp({ sandbox: false, config: { daemon: { token: TOKEN, worker_poll_ms: 600_000, webhook_check_s: 3600 } }, overrides: { clock } });
    woo = await startWooSandbox({ port: 0, orders: 1, seed: 3, frozenClock: true });
    await t.app.db.insertInto('stores').values({
      name: 'negozio-woo', id_platform: 3, base_url: woo.url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey,
      api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, webhook_secret: 'b'.repeat(64), settings: JSON.stringify({ auth: 'basic' }),
    } as never).execute();
    storeId = (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', 'negozio-woo').executeTakeFirstOrThrow()).id_store;
    const real = await loadDaemonServices();
    const services: DaemonServices = {
      ...real,
      pullStates: () => Promise.resolve({}),
      pullOrders: () => Promise.resolve({}),
      checkWebhookSubscriptions: (app, options) => { listCalls += 1; return real.checkWebhookSubscriptions(app, options); },
    };
    daemon = await startDaemon(t.app, { host: '127.0.0.1', port: 0, signal: stop.signal, services });
    // Ours, registered earlier by `webhooks setup`, then disabled by WooCommerce after failed deliveries.
    woo.webhooks.add({ name: 'ecom-sync order.updated', deliveryUrl: `https://sync.example/webhooks/woocommerce/${storeId}`, secret: 'b'.repeat(64), status: 'disabled' });
  });
  afterAll(async () => {
    stop.abort();
    await clock.advance(1000);
    await daemon?.stopped;
    await woo?.close();
    await t?.cleanup();
  });

  it('not at start: a restart costs the shop nothing', async () => {
    await clock.advance(60_000);
    expect(listCalls).toBe(0);
    expect(await health()).toEqual([]);
  });

  it('after an interval /health shows the topic the platform disabled, then an active one once re-enabled', async () => {
    await clock.advance(HOUR);
    await waitFor(() => daemon.status.webhook_subscriptions.length === 1, 'the first check');
    expect(listCalls).toBe(1);
    expect(await health()).toEqual([{
      id_store: storeId, last_received_at: null, pending: 0, failed: 0,
      subscriptions: { checked_at: expect.stringMatching(/^2026-11-30T11:0\d:00\.000\+00:00$/), active: 0, disabled: ['order.updated (disabled)'], missing: [], error: null },
    }]);

    for (const webhook of woo.webhooks.webhooks.values()) webhook.status = 'active';
    await clock.advance(HOUR);
    await waitFor(() => daemon.status.webhook_subscriptions[0]?.active === 1, 'the next check');
    expect(listCalls).toBe(2);
    expect((await health())[0]?.subscriptions).toMatchObject({ active: 1, disabled: [], missing: [], error: null });
  });
});
