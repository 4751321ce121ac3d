import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonServices } from '../../../src/daemon/daemon-services.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/start-daemon.js';
import { SANDBOX_STATUSES, startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { getStoreById } from '../../../src/stores/store-repository.js';
import { listInboundEvents } from '../../../src/webhooks/inbound-event-repository.js';
import { signBody } from '../../../src/webhooks/webhook-signature.js';
import { setupStoreWebhooks } from '../../../src/webhooks/webhook-setup.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKEN } from '../daemon/daemon-fixture.js';

const T0 = Date.UTC(2026, 10, 30, 10, 0, 0);

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 3000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('WooCommerce deliveries in parallel through setup, the route and the inbox', () => {
  let t: TestApp;
  let daemon: RunningDaemon;
  const stop = new AbortController();
  let woo: WooSandbox;
  let storeId: number;

  beforeAll(async () => {
    t = await createTestApp({ sandbox: false, config: { daemon: { token: TOKEN, worker_poll_ms: 600_000 } } });
    const real = await loadDaemonServices();
    // No periodic pulls: every order here arrives through a webhook.
    const services: DaemonServices = { ...real, pullStates: () => Promise.resolve({}), pullOrders: () => Promise.resolve({}) };
    daemon = await startDaemon(t.app, { host: '127.0.0.1', port: 0, signal: stop.signal, services });
    woo = await startWooSandbox({ port: 0, orders: 100, seed: 7, frozenClock: true, now: T0 });
    await t.app.db.insertInto('stores').values({
      id_platform: 3, name: 'negozio-woo', base_url: woo.url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }),
    }).execute();
    storeId = (await t.app.db.selectFrom('stores').select('id_store').executeTakeFirstOrThrow()).id_store;
    const now = '2026-11-30 10:00:00';
    await t.app.db.insertInto('ecommerce_order_states').values(SANDBOX_STATUSES.map((s, i) => ({
      id_store: storeId, id_platform_state: i + 1, code: s.slug, name: s.name, platform_name: 'WooCommerce', date_add: now, updated_at: now,
    }))).execute();
    const report = await setupStoreWebhooks(t.app, await getStoreById(t.app.db, storeId), { url: `${daemon.url}/webhooks/woocommerce/${storeId}` });
    expect(report.subscriptions.map((s) => s.action)).toEqual(['created']);
    await woo.flushWebhooks();
  });
  afterAll(async () => {
    stop.abort();
    await daemon?.stopped;
    await woo?.close();
    await t?.cleanup();
  });

  it('100 orders saved at once, each delivered twice: every event stored once, processed once, each order read once', async () => {
    woo.shop.clock.advance(60_000);
    const ids = [...woo.shop.orders.keys()];
    expect(ids).toHaveLength(100);
    // Each save delivers at once, without waiting: 100 deliveries in flight together. WooCommerce's
    // duplicate firing (the same state of the order sent again) makes it 200.
    for (const id of ids) woo.shop.touch(id);
    for (const id of ids) woo.webhooks.deliver(woo.shop.orders.get(id)!);
    await woo.flushWebhooks();
    const deliveries = woo.webhooks.deliveries.filter((d) => d.topic === 'order.updated');
    expect(deliveries).toHaveLength(200);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);

    const done = async () => (await listInboundEvents(t.app.db, { storeId, limit: 1000 })).every((e) => e.outcome !== 'pending');
    await waitFor(done, 'the inbox worked');
    const events = await listInboundEvents(t.app.db, { storeId, limit: 1000 });
    expect(events).toHaveLength(100);
    expect(new Set(events.map((e) => e.id_origin)).size).toBe(100);
    expect(events.every((e) => e.outcome === 'imported' && e.attempts === 1 && e.processed_at !== null)).toBe(true);
    const orders = await t.app.db.selectFrom('orders').select('id_origin').where('id_store', '=', storeId).execute();
    expect(orders.map((o) => Number(o.id_origin)).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // The event is only a hint: one read of each order, never two.
    const reads = woo.requests.filter((r) => r.method === 'GET' && /^\/wc\/v3\/orders\/\d+$/.test(r.route));
    expect(reads).toHaveLength(100);
    expect(new Set(reads.map((r) => r.route)).size).toBe(100);
  });

  it('an event for an order the shop does not have changes nothing and says so', async () => {
    const { webhook_secret: secret } = await t.app.db.selectFrom('stores').select('webhook_secret').where('id_store', '=', storeId).executeTakeFirstOrThrow();
    const body = JSON.stringify({ id: 987654, status: 'processing', date_modified_gmt: '2026-11-30T10:05:00' });
    const answer = await fetch(`${daemon.url}/webhooks/woocommerce/${storeId}`, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-signature': signBody(secret!, Buffer.from(body)) },
    });
    expect(answer.status).toBe(200);
    const event = async () => (await listInboundEvents(t.app.db, { storeId, limit: 1000 })).find((e) => e.id_origin === '987654');
    await waitFor(async () => (await event())?.outcome === 'ignored', 'the unknown order ignored');
    expect((await event())!.detail).toContain('has no order 987654');
    expect(await t.app.db.selectFrom('orders').select('id_order').where('id_origin', '=', 987654).executeTakeFirst()).toBeUndefined();
  });
});
