import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonServices } from '../../../src/daemon/daemon-services.js';
import { loadDaemonServices } from '../../../src/daemon/load-daemon-services.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/start-daemon.js';
import { startShopifySandbox, type ShopifySandbox } from '../../../src/platforms/shopify-sandbox/index.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { listInboundEvents } from '../../../src/webhooks/inbound-event-repository.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import { TOKEN } from '../daemon/daemon-fixture.js';

const T0 = Date.UTC(2026, 10, 30, 10, 0, 0);

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Subscription { id: string; topic: string; url: string; status: string; ours: boolean }
interface SetupJson { url: string; secret: string; subscriptions: Array<{ topic: string; action: string; id: string; url: string; status: string; detail: string | null }> }

describe('webhooks setup, list and remove against the sandboxes', () => {
  let t: TestApp;
  let daemon: RunningDaemon;
  const stop = new AbortController();
  let shopify: ShopifySandbox;
  let woo: WooSandbox;
  let cwd: string;
  let bare: string;
  const ids = { shopify: 0, woo: 0, presta: 0 };
  const env = () => ({ SHOPIFY_APP_SECRET: shopify.clientSecret });
  const cli = (args: string[], dir = cwd) => runCli(args, { cwd: dir, env: env() });
  const json = <T>(run: CliRun): T => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as T;
  };

  beforeAll(async () => {
    t = await createTestApp({ sandbox: false, config: { daemon: { token: TOKEN, worker_poll_ms: 600_000 } } });
    const real = await loadDaemonServices();
    // No periodic pulls: only the deliveries reach the inbox here.
    const services: DaemonServices = { ...real, pullStates: () => Promise.resolve({}), pullOrders: () => Promise.resolve({}) };
    daemon = await startDaemon(t.app, { host: '127.0.0.1', port: 0, signal: stop.signal, services });
    shopify = await startShopifySandbox({ now: T0, orders: 4 });
    woo = await startWooSandbox({ port: 0, orders: 4, seed: 3, frozenClock: true, now: T0 });
    const add = async (name: string, values: Record<string, unknown>) => {
      await t.app.db.insertInto('stores').values({ name, ...values } as never).execute();
      return (await t.app.db.selectFrom('stores').select('id_store').where('name', '=', name).executeTakeFirstOrThrow()).id_store;
    };
    ids.shopify = await add('negozio-shopify', { id_platform: 2, base_url: shopify.url, api_key: shopify.accessToken, webhook_secret_env: 'SHOPIFY_APP_SECRET', settings: JSON.stringify({ api_version: '2025-01' }) });
    ids.woo = await add('negozio-woo', { id_platform: 3, base_url: woo.url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) });
    ids.presta = await add('negozio-presta', { id_platform: 1, base_url: 'https://presta.example', api_key: 'A'.repeat(32) });
    // The daemon verifies Shopify deliveries with the variable the store names.
    t.app.env.SHOPIFY_APP_SECRET = shopify.clientSecret;
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-hooks-'));
    await writeFile(path.join(cwd, 'ecom-sync.config.yaml'), `database:\n  url: ${t.database.url}\ndaemon:\n  public_url: ${daemon.url}/\n`);
    bare = await mkdtemp(path.join(tmpdir(), 'ecom-sync-hooks-bare-'));
    await writeFile(path.join(bare, 'ecom-sync.config.yaml'), `database:\n  url: ${t.database.url}\n`);
  });
  afterAll(async () => {
    stop.abort();
    await daemon?.stopped;
    await shopify?.close();
    await woo?.close();
    await t?.cleanup();
  });

  it('refuses without an address, with a wrong route, for a PrestaShop store and without a Shopify secret: exit 2, nothing registered', async () => {
    const missing = await cli(['webhooks', 'setup', '--store', String(ids.shopify)], bare);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('WEBHOOK_URL_MISSING');
    expect(missing.stderr).toContain('daemon.public_url');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const wrongRoute = await cli(['webhooks', 'setup', '--store', String(ids.shopify), '--url', 'https://sync.example/hooks']);
    expect(wrongRoute.code).toBe(2);
    expect(wrongRoute.stderr).toContain(`must end with /webhooks/shopify/${ids.shopify}`);
    const presta = await cli(['webhooks', 'setup', '--store', String(ids.presta)]);
    expect(presta.code).toBe(2);
    expect(presta.stderr).toContain('WEBHOOKS_NOT_SUPPORTED');
    expect(presta.stderr).toContain('orders pull');
    const noSecret = await runCli(['webhooks', 'setup', '--store', String(ids.shopify)], { cwd });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('WEBHOOK_SECRET_MISSING');
    const neither = await cli(['webhooks', 'remove', '--store', String(ids.shopify)]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--topic TOPIC or --all');
    expect(shopify.subscriptions.subscriptions).toHaveLength(0);
    expect(woo.webhooks.webhooks.size).toBe(0);
  });

  it('Shopify: four subscriptions once, deliveries verified, a new address updated, only its own removed', async () => {
    const route = `${daemon.url}/webhooks/shopify/${ids.shopify}`;
    const first = json<SetupJson>(await cli(['--json', 'webhooks', 'setup', '--store', String(ids.shopify)]));
    expect(first.url).toBe(route);
    expect(first.secret).toBe('environment');
    expect(first.subscriptions.map((s) => [s.topic, s.action])).toEqual([
      ['ORDERS_UPDATED', 'created'], ['ORDERS_CANCELLED', 'created'], ['ORDERS_FULFILLED', 'created'], ['ORDERS_PAID', 'created'],
    ]);
    expect(shopify.subscriptions.subscriptions.map((s) => s.callbackUrl)).toEqual([route, route, route, route]);

    // Twice: nothing new on the shop.
    const again = json<SetupJson>(await cli(['--json', 'webhooks', 'setup', '--store', String(ids.shopify)]));
    expect(again.subscriptions.map((s) => s.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(shopify.subscriptions.subscriptions).toHaveLength(4);

    // Another system of the same app, on another address: not ecom-sync's.
    shopify.subscriptions.mutations().webhookSubscriptionCreate({ topic: 'ORDERS_UPDATED', webhookSubscription: { callbackUrl: 'https://127.0.0.1:1/other-app/orders' } });

    // A change on the shop: orders/paid and orders/updated, signed with the app's secret, verified and stored.
    const order = shopify.store.orders.get(1001)!;
    shopify.clock.advance(60_000);
    shopify.store.touch(order);
    shopify.webhooks.emit('orders/paid', order);
    await shopify.webhooks.settled();
    const ours = shopify.webhooks.deliveries.filter((d) => d.url === route);
    expect(ours.map((d) => [d.topic, d.status])).toEqual([['orders/paid', 200], ['orders/updated', 200]]);
    await waitFor(async () => (await listInboundEvents(t.app.db, { storeId: ids.shopify, limit: 10 })).length === 2, 'two Shopify events stored');
    expect((await listInboundEvents(t.app.db, { storeId: ids.shopify, limit: 10 })).map((e) => e.topic).sort()).toEqual(['orders/paid', 'orders/updated']);

    // The daemon moved: the same subscriptions get the new address.
    const moved = `http://localhost:${daemon.url.split(':').at(-1)}/webhooks/shopify/${ids.shopify}`;
    const update = json<SetupJson>(await cli(['--json', 'webhooks', 'setup', '--store', String(ids.shopify), '--url', moved]));
    expect(update.subscriptions.map((s) => [s.action, s.url])).toEqual(Array.from({ length: 4 }, () => ['updated', moved]));
    expect(update.subscriptions[0]!.detail).toContain(`address was ${route}`);

    const listed = json<{ stores: Array<{ id_store: number; subscriptions: Subscription[] }> }>(await cli(['--json', 'webhooks', 'list', '--store', String(ids.shopify)]));
    const subscriptions = listed.stores[0]!.subscriptions;
    expect(subscriptions).toHaveLength(5);
    expect(subscriptions.filter((s) => s.ours).map((s) => s.url)).toEqual([moved, moved, moved, moved]);
    expect(subscriptions.find((s) => !s.ours)).toMatchObject({ topic: 'ORDERS_UPDATED', url: 'https://127.0.0.1:1/other-app/orders', status: 'active' });

    const one = json<{ removed: Subscription[]; kept: number }>(await cli(['--json', 'webhooks', 'remove', '--store', String(ids.shopify), '--topic', 'orders/paid']));
    expect(one.removed.map((s) => s.topic)).toEqual(['ORDERS_PAID']);
    const all = await cli(['webhooks', 'remove', '--store', String(ids.shopify), '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('removed 3 ecom-sync subscription(s)');
    expect(all.stdout).toContain('1 subscription(s) of other apps or systems left alone');
    expect(shopify.subscriptions.subscriptions.map((s) => s.callbackUrl)).toEqual(['https://127.0.0.1:1/other-app/orders']);
  });

  it('WooCommerce: one webhook with a generated secret the daemon verifies, never printed; a disabled one listed and re-activated', async () => {
    const route = `${daemon.url}/webhooks/woocommerce/${ids.woo}`;
    const setup = await cli(['webhooks', 'setup', '--store', String(ids.woo)]);
    expect(setup.code).toBe(0);
    expect(setup.stdout).toContain('1 created');
    expect(setup.stdout).toContain('generated and stored');
    const { webhook_secret: secret } = await t.app.db.selectFrom('stores').select('webhook_secret').where('id_store', '=', ids.woo).executeTakeFirstOrThrow();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const [webhook] = [...woo.webhooks.webhooks.values()];
    expect(webhook).toMatchObject({ topic: 'order.updated', deliveryUrl: route, status: 'active', secret });
    await woo.flushWebhooks();
    // WooCommerce's creation ping reached the daemon and was accepted.
    expect(woo.webhooks.deliveries.map((d) => [d.topic, d.status])).toEqual([['ping', 200]]);

    // A saved order: signed with the generated secret, verified by the daemon, stored.
    const orderId = [...woo.shop.orders.keys()][0]!;
    woo.shop.clock.advance(60_000);
    woo.shop.setStatus(orderId, 'completed');
    await woo.flushWebhooks();
    expect(woo.webhooks.deliveries.at(-1)).toMatchObject({ topic: 'order.updated', orderId, status: 200 });
    await waitFor(async () => (await listInboundEvents(t.app.db, { storeId: ids.woo, limit: 10 })).some((e) => e.id_origin === String(orderId)), 'the WooCommerce event stored');

    // Twice: the same webhook, the same secret.
    const again = json<SetupJson>(await cli(['--json', 'webhooks', 'setup', '--store', String(ids.woo)]));
    expect(again).toMatchObject({ secret: 'stored', subscriptions: [{ topic: 'order.updated', action: 'unchanged', id: String(webhook!.id) }] });
    expect(woo.webhooks.webhooks.size).toBe(1);

    // A foreign webhook whose receiver is down: WooCommerce disables it after more than five failures in a row.
    const foreign = woo.webhooks.add({ name: 'ERP', deliveryUrl: 'http://127.0.0.1:1/erp/orders' });
    for (let i = 0; i < 6; i += 1) {
      woo.shop.clock.advance(1000);
      woo.shop.touch(orderId);
      await woo.flushWebhooks();
    }
    expect(foreign.status).toBe('disabled');
    expect(webhook!.status).toBe('active');
    // Ours disabled too (as after an outage of the daemon).
    webhook!.status = 'disabled';
    const listed = json<{ stores: Array<{ id_store: number; subscriptions: Subscription[] }> }>(await cli(['--json', 'webhooks', 'list']));
    expect(listed.stores.map((s) => s.id_store)).toEqual([ids.shopify, ids.woo]);
    expect(listed.stores[1]!.subscriptions).toEqual([
      { id: String(foreign.id), topic: 'order.updated', url: 'http://127.0.0.1:1/erp/orders', status: 'disabled', name: 'ERP', ours: false },
      { id: String(webhook!.id), topic: 'order.updated', url: route, status: 'disabled', name: `ecom-sync order.updated (store ${ids.woo})`, ours: true },
    ]);
    const table = await cli(['webhooks', 'list', '--store', String(ids.woo)]);
    expect(table.stdout).toContain('DISABLED');
    expect(table.stdout).toContain(`webhooks setup --store ${ids.woo}\` to re-activate`);

    // `webhooks status --check` asks each platform: ours disabled on WooCommerce, none left on Shopify.
    const status = json<{ stores: Array<Record<string, unknown>> }>(await cli(['--json', 'webhooks', 'status', '--check']));
    expect(status.stores).toEqual([
      expect.objectContaining({ id_store: ids.shopify, subscriptions: { ours: 0, active: 0, inactive: [], missing: ['ORDERS_UPDATED', 'ORDERS_CANCELLED', 'ORDERS_FULFILLED', 'ORDERS_PAID'] }, check_error: null }),
      expect.objectContaining({ id_store: ids.woo, subscriptions: { ours: 1, active: 0, inactive: ['order.updated (disabled)'], missing: [] }, check_error: null }),
      expect.not.objectContaining({ subscriptions: expect.anything() }),
    ]);
    expect((await cli(['webhooks', 'status', '--check'])).stdout).toContain('DISABLED order.updated (disabled)');

    const reactivated = json<SetupJson>(await cli(['--json', 'webhooks', 'setup', '--store', String(ids.woo)]));
    expect(reactivated.subscriptions).toEqual([expect.objectContaining({ action: 'updated', status: 'active', detail: 're-activated (was disabled)' })]);

    // A new secret on demand: stored first, then sent to the existing webhook; deliveries verify with it.
    const reset = json<SetupJson>(await cli(['--json', 'webhooks', 'setup', '--store', String(ids.woo), '--reset-secret']));
    expect(reset).toMatchObject({ secret: 'generated', subscriptions: [{ action: 'updated', detail: 'new secret' }] });
    const { webhook_secret: rotated } = await t.app.db.selectFrom('stores').select('webhook_secret').where('id_store', '=', ids.woo).executeTakeFirstOrThrow();
    expect(rotated).not.toBe(secret);
    expect(webhook!.secret).toBe(rotated);
    const delivered = woo.webhooks.deliveries.length;
    woo.shop.clock.advance(1000);
    woo.shop.touch(orderId);
    await woo.flushWebhooks();
    expect(woo.webhooks.deliveries.slice(delivered).filter((d) => d.webhookId === webhook!.id).map((d) => d.status)).toEqual([200]);
    expect(JSON.stringify(reset)).not.toContain(rotated!);

    const removed = json<{ removed: Subscription[]; kept: number }>(await cli(['--json', 'webhooks', 'remove', '--store', String(ids.woo), '--topic', 'order.updated']));
    expect(removed).toMatchObject({ removed: [{ id: String(webhook!.id) }], kept: 1 });
    expect([...woo.webhooks.webhooks.keys()]).toEqual([foreign.id]);

    // The secret never reached any output.
    const outputs = [setup, again, listed, table, status, reactivated, removed, await cli(['--json', 'webhooks', 'status']), await cli(['--json', 'stores', 'list'])];
    for (const output of outputs) expect(JSON.stringify(output)).not.toContain(secret!);
    expect(woo.requests.filter((r) => r.route.startsWith('/wc/v3/webhooks')).map((r) => r.status)).not.toContain(500);
  });
});
