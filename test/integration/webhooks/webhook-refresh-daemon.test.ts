import { afterEach, describe, expect, it } from 'vitest';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import type { DaemonServices } from '../../../src/daemon/daemon-services.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/start-daemon.js';
import { SHOPIFY_CATALOGUE } from '../../../src/platforms/shopify/index.js';
import { startShopifySandbox, type ShopifySandbox } from '../../../src/platforms/shopify-sandbox/index.js';
import { SANDBOX_STATUSES, startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { pullOrders } from '../../../src/pull/orders-pull.js';
import { insertInboundEvent, listInboundEvents } from '../../../src/webhooks/inbound-event-repository.js';
import { signBody } from '../../../src/webhooks/webhook-signature.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKEN } from '../daemon/daemon-fixture.js';

const T0 = Date.UTC(2026, 10, 30, 10, 0, 0);
const SECRET = 'hook-secret-0123456789';
let t: TestApp;
let daemon: RunningDaemon | null = null;
let stop: AbortController;
let shopify: ShopifySandbox | null = null;
let woo: WooSandbox | null = null;

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The real services, but no periodic pulls: only webhooks move the orders here. */
async function services(): Promise<DaemonServices> {
  const real = await loadDaemonServices();
  return { ...real, pullStates: () => Promise.resolve({}), pullOrders: () => Promise.resolve({}) };
}

async function start(): Promise<RunningDaemon> {
  stop = new AbortController();
  daemon = await startDaemon(t.app, { host: '127.0.0.1', port: 0, signal: stop.signal, services: await services() });
  return daemon;
}

async function stopDaemon(): Promise<void> {
  stop.abort();
  await daemon?.stopped;
  daemon = null;
}

afterEach(async () => {
  if (daemon) await stopDaemon();
  await shopify?.close();
  await woo?.close();
  shopify = null;
  woo = null;
  await t.cleanup();
});

async function addStore(idPlatform: 2 | 3, values: Record<string, string>): Promise<number> {
  const now = '2026-11-30 10:00:00';
  await t.app.db.insertInto('stores').values({ id_platform: idPlatform, name: `store-${idPlatform}`, base_url: 'http://127.0.0.1:1', api_key: 'k'.repeat(32), webhook_secret: SECRET, ...values }).execute();
  const { id_store } = await t.app.db.selectFrom('stores').select('id_store').where('name', '=', `store-${idPlatform}`).executeTakeFirstOrThrow();
  const catalogue = idPlatform === 2 ? SHOPIFY_CATALOGUE.map((s) => ({ code: s.code, id: s.platformId as number, name: s.name })) : SANDBOX_STATUSES.map((s, i) => ({ code: s.slug, id: i + 1, name: s.name }));
  await t.app.db.insertInto('ecommerce_order_states').values(catalogue.map((s) => ({
    id_store, id_platform_state: s.id, code: s.code, name: s.name, platform_name: idPlatform === 2 ? 'Shopify' : 'WooCommerce', date_add: now, updated_at: now,
  }))).execute();
  return id_store;
}

const outcomeOf = async (storeId: number, idOrigin: number) => (await listInboundEvents(t.app.db, { storeId, limit: 100 })).filter((e) => e.id_origin === String(idOrigin)).map((e) => e.outcome);
const stateOf = async (idOrigin: number) => (await t.app.db.selectFrom('orders').leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'orders.id_ecommerce_state')
  .select(['e.code', 'orders.id_order_state', 'orders.id_order']).where('orders.id_origin', '=', idOrigin).executeTakeFirst());

describe('webhooks through the daemon to the refreshed order', () => {
  it('Shopify: an unknown order is imported, a change is drift, our own push is not, a stale event changes nothing', async () => {
    t = await createTestApp({ sandbox: false, config: { daemon: { token: TOKEN, worker_poll_ms: 600_000 } } });
    await start();
    const storeId = await addStore(2, { settings: JSON.stringify({ api_version: '2026-10' }) });
    shopify = await startShopifySandbox({ now: T0, orders: 6, webhook: { url: `${daemon!.url}/webhooks/shopify/${storeId}`, secret: SECRET } });
    await t.app.db.updateTable('stores').set({ base_url: shopify.url, api_key: shopify.accessToken }).where('id_store', '=', storeId).execute();
    // Orders 1001..1004 known from a pull; 1005 and 1006 not yet.
    shopify.store.orders.delete(1005);
    const order1006 = shopify.store.orders.get(1006)!;
    shopify.store.orders.delete(1006);
    await pullOrders(t.app, { storeId, quiet: true });
    shopify.store.orders.set(1006, order1006);

    // A signed delivery from the sandbox's sender for the order ecom-sync has never seen.
    shopify.clock.advance(60_000);
    shopify.store.touch(order1006);
    shopify.webhooks.emit('orders/updated', order1006);
    await shopify.webhooks.settled();
    expect(shopify.webhooks.deliveries.at(-1)!.status).toBe(200);
    await waitFor(async () => (await outcomeOf(storeId, 1006)).includes('imported'), 'order 1006 imported');
    expect((await stateOf(1006))!.code).toBe('paid');

    // Closed by hand on the shop: drift, the local state stays.
    const before = await stateOf(1001);
    const o1001 = shopify.store.orders.get(1001)!;
    o1001.closedAt = shopify.clock.now();
    shopify.store.touch(o1001);
    shopify.webhooks.emit('orders/updated', o1001);
    await waitFor(async () => (await outcomeOf(storeId, 1001)).includes('drift'), 'drift of 1001');
    expect(await stateOf(1001)).toEqual({ ...before, code: 'closed' });

    // Closed by ecom-sync (its job targets closed): our push echoed back.
    const own = (await stateOf(1002))!;
    const closed = await t.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).where('code', '=', 'closed').executeTakeFirstOrThrow();
    await t.app.db.insertInto('sync_jobs').values({
      id_order: own.id_order, id_store: storeId, event_type: 'order_status_changed', id_state_local: own.id_order_state, id_ecommerce_order_state: closed.id_ecommerce_order_state,
      id_platform_state: 5, id_origin: 1002, status: 'running', next_attempt_at: 0, created_at: '2026-11-30 10:00:00', updated_at: '2026-11-30 10:00:00',
    } as never).execute();
    const o1002 = shopify.store.orders.get(1002)!;
    o1002.closedAt = shopify.clock.now();
    shopify.store.touch(o1002);
    shopify.webhooks.emit('orders/updated', o1002);
    await waitFor(async () => (await outcomeOf(storeId, 1002)).includes('own_push'), 'own push of 1002');

    // A retried delivery carrying an old body (updated_at before what the pull recorded): nothing read, nothing changed.
    const requestsBefore = shopify.requests.length;
    const body = JSON.stringify({ id: 1003, updated_at: new Date(T0 - 3_600_000).toISOString() });
    const stale = await fetch(`${daemon!.url}/webhooks/shopify/${storeId}`, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/updated', 'x-shopify-event-id': 'evt-old', 'x-shopify-hmac-sha256': signBody(SECRET, Buffer.from(body)) },
    });
    expect(stale.status).toBe(200);
    await waitFor(async () => (await outcomeOf(storeId, 1003)).includes('stale'), 'stale event');
    expect(shopify.requests.length).toBe(requestsBefore);

    const health = await fetch(`${daemon!.url}/health`).then((r) => r.json() as Promise<{ webhooks: Array<{ id_store: number; last_received_at: string; pending: number }> }>);
    expect(health.webhooks).toEqual([{ id_store: storeId, last_received_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), pending: 0, failed: 0, subscriptions: null }]);
  });

  it('WooCommerce: a signed order.updated from the sandbox imports the order; events left in the inbox by a stopped daemon are processed at restart', async () => {
    t = await createTestApp({ sandbox: false, config: { daemon: { token: TOKEN, worker_poll_ms: 600_000 } } });
    await start();
    const storeId = await addStore(3, { api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) });
    woo = await startWooSandbox({ port: 0, orders: 5, seed: 5, frozenClock: true, now: T0, webhook: { deliveryUrl: `${daemon!.url}/webhooks/woocommerce/${storeId}`, secret: SECRET } });
    await t.app.db.updateTable('stores').set({ base_url: woo.url }).where('id_store', '=', storeId).execute();
    const [first, second] = [...woo.shop.orders.keys()];
    woo.shop.clock.advance(60_000);
    woo.shop.setStatus(first!, 'completed');
    await woo.flushWebhooks();
    await waitFor(async () => (await outcomeOf(storeId, first!)).includes('imported'), 'WooCommerce order imported');
    expect((await stateOf(first!))!.code).toBe('completed');

    // Stopped with an event still in the inbox (stored, not processed): the next daemon works it.
    await stopDaemon();
    await insertInboundEvent(t.app.db, {
      storeId, platform: 'woocommerce', payload: '{}', receivedAt: Date.now(),
      delivery: { topic: 'order.updated', dedupKey: `order:${second}:2026-11-30T10:05:00`, idOrigin: String(second), platformUpdatedAt: '2026-11-30T10:05:00.000Z' },
    } as never);
    expect(await outcomeOf(storeId, second!)).toEqual(['pending']);
    await start();
    await waitFor(async () => (await outcomeOf(storeId, second!)).includes('imported'), 'the inbox worked after a restart');
  });
});
