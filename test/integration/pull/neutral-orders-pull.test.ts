import { afterEach, describe, expect, it } from 'vitest';
import { pullOrders } from '../../../src/pull/orders-pull.js';
import { SHOPIFY_CATALOGUE } from '../../../src/platforms/shopify/index.js';
import { startShopifySandbox, type ShopifySandbox } from '../../../src/platforms/shopify-sandbox/index.js';
import { SANDBOX_STATUSES, startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const T0 = Date.UTC(2026, 10, 30, 10, 0, 0);
let t: TestApp;
let shopify: ShopifySandbox | null = null;
let woo: WooSandbox | null = null;
afterEach(async () => {
  await shopify?.close();
  await woo?.close();
  shopify = null;
  woo = null;
  await t.cleanup();
});

/** A Shopify or WooCommerce store row and its state catalogue (what `states pull` writes). */
async function addStore(kind: 'shopify' | 'woocommerce', url: string): Promise<number> {
  const now = '2026-11-30 10:00:00';
  await t.app.db.insertInto('stores').values(kind === 'shopify'
    ? { id_platform: 2, name: 'Bottega Shopify', base_url: url, api_key: shopify!.accessToken, settings: JSON.stringify({ api_version: '2026-10' }) }
    : { id_platform: 3, name: 'Bottega WC', base_url: url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) }).execute();
  const store = await t.app.db.selectFrom('stores').select('id_store').where('base_url', '=', url).executeTakeFirstOrThrow();
  const catalogue = kind === 'shopify'
    ? SHOPIFY_CATALOGUE.map((s) => ({ code: s.code, id: s.platformId as number, name: s.name }))
    : SANDBOX_STATUSES.map((s, index) => ({ code: s.slug, id: index + 1, name: s.name }));
  await t.app.db.insertInto('ecommerce_order_states').values(catalogue.map((s) => ({
    id_store: store.id_store, id_platform_state: s.id, code: s.code, name: s.name, platform_name: kind === 'shopify' ? 'Shopify' : 'WooCommerce', date_add: now, updated_at: now,
  }))).execute();
  return store.id_store;
}

async function stateCodeOf(idOrigin: number): Promise<string | null> {
  const row = await t.app.db.selectFrom('orders').leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'orders.id_ecommerce_state')
    .select(['e.code']).where('orders.id_origin', '=', idOrigin).executeTakeFirstOrThrow();
  return row.code;
}

describe('orders pull for a Shopify store', () => {
  it('imports every order with customers, addresses, countries by ISO, lines and the derived state; an order updated between pages is not skipped', async () => {
    t = await createTestApp({ sandbox: false, config: { orders: { page_size: 10 } } });
    shopify = await startShopifySandbox({ now: T0, orders: 30 });
    const storeId = await addStore('shopify', shopify.url);
    let pages = 0;
    const report = await pullOrders(t.app, {
      storeId,
      quiet: true,
      onProgress: () => {
        pages += 1;
        if (pages !== 1) return;
        // After the first page: one order already read and one not yet read change on the shop.
        shopify!.clock.advance(5000);
        for (const id of [1002, 1025]) {
          const o = shopify!.store.orders.get(id)!;
          o.closedAt = shopify!.clock.now();
          shopify!.store.touch(o);
        }
      },
    });
    const store = report.stores[0]!;
    expect(store).toMatchObject({ ok: true, created: 30, warnings: [] });
    expect(store.pages).toBeGreaterThanOrEqual(3);
    expect(await t.app.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 30 });
    // Both changes are in: the one read before its change was read again.
    expect(await stateCodeOf(1002)).toBe('closed');
    expect(await stateCodeOf(1025)).toBe('closed');
    expect(await stateCodeOf(1003)).toBe('fulfilled');
    const first = await t.app.db.selectFrom('orders').selectAll().where('id_origin', '=', 1001).executeTakeFirstOrThrow();
    expect(first).toMatchObject({ reference: '#1001', id_order_state: t.app.config.orders.initial_state });
    expect(first.platform_date_upd).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const customer = await t.app.db.selectFrom('customers').selectAll().where('id_customer', '=', first.id_customer!).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ id_origin: 5001, email: 'giulia.rossi@example.com' });
    const address = await t.app.db.selectFrom('addresses').innerJoin('countries', 'countries.id_country', 'addresses.id_country').select(['city', 'iso_code'])
      .where('id_address', '=', first.id_address_delivery!).executeTakeFirstOrThrow();
    expect(address).toEqual({ city: 'Milano', iso_code: 'IT' });
    const lines = await t.app.db.selectFrom('order_details').selectAll().where('id_order', '=', first.id_order).execute();
    expect(lines.map((l) => [l.product_name, l.product_qty, l.product_reference])).toEqual([['Olio extravergine 1 l', 1, 'OLIO-1L']]);
    const watermark = (await t.app.db.selectFrom('stores').select('orders_watermark').where('id_store', '=', storeId).executeTakeFirstOrThrow()).orders_watermark;
    expect(watermark).toMatch(/^2026-11-30T10:00:05\.000Z\|1025$/);
    // Printed as a date with its offset; the id after `|` only orders the orders of one second.
    expect(store.watermark).toBe('2026-11-30T10:00:05.000+00:00');
  });

  it('an incremental pull reads from the watermark; a platform change is drift (local state untouched), our own push is not', async () => {
    t = await createTestApp({ sandbox: false });
    shopify = await startShopifySandbox({ now: T0, orders: 6 });
    const storeId = await addStore('shopify', shopify.url);
    await pullOrders(t.app, { storeId, quiet: true });
    const again = await pullOrders(t.app, { storeId, quiet: true });
    expect(again.stores[0]).toMatchObject({ ok: true, created: 0, updated: 0, drift: [] });
    expect(again.stores[0]!.fetched).toBeLessThan(6);

    // Order 1001 closed by hand on the shop; order 1002 closed by ecom-sync (its last job targets closed).
    const closed = await t.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).where('code', '=', 'closed').executeTakeFirstOrThrow();
    const own = await t.app.db.selectFrom('orders').select(['id_order', 'id_order_state']).where('id_origin', '=', 1002).executeTakeFirstOrThrow();
    await t.app.db.insertInto('sync_jobs').values({
      id_order: own.id_order, id_store: storeId, event_type: 'order_status_changed', id_state_local: own.id_order_state, id_ecommerce_order_state: closed.id_ecommerce_order_state,
      id_platform_state: 5, id_origin: 1002, status: 'running', next_attempt_at: 0, created_at: '2026-11-30 10:00:00', updated_at: '2026-11-30 10:00:00',
    } as never).execute();
    shopify.clock.advance(60_000);
    for (const id of [1001, 1002]) {
      const o = shopify.store.orders.get(id)!;
      o.closedAt = shopify!.clock.now();
      shopify.store.touch(o);
    }
    const before = await t.app.db.selectFrom('orders').select('id_order_state').where('id_origin', '=', 1001).executeTakeFirstOrThrow();
    const report = await pullOrders(t.app, { storeId, quiet: true });
    const store = report.stores[0]!;
    expect(store.drift.map((d) => [d.id_origin, d.platform_state_before, d.platform_state_now, d.local_state])).toEqual([[1001, 1, 5, before.id_order_state]]);
    expect(store.updated).toBe(2);
    expect(await stateCodeOf(1001)).toBe('closed');
    expect((await t.app.db.selectFrom('orders').select('id_order_state').where('id_origin', '=', 1001).executeTakeFirstOrThrow()).id_order_state).toBe(before.id_order_state);
  });
});

describe('orders pull for a WooCommerce store', () => {
  it('imports every order page by page; an order modified between pages comes again with its change; a second pull only re-reads the boundary', async () => {
    t = await createTestApp({ sandbox: false, config: { orders: { page_size: 5 } } });
    woo = await startWooSandbox({ port: 0, orders: 23, seed: 5, frozenClock: true, now: T0 });
    const storeId = await addStore('woocommerce', woo.url);
    const firstId = [...woo.shop.orders.values()].sort((a, b) => (a.date_modified_gmt === b.date_modified_gmt ? a.id - b.id : a.date_modified_gmt < b.date_modified_gmt ? -1 : 1))[0]!.id;
    let pages = 0;
    const report = await pullOrders(t.app, {
      storeId,
      quiet: true,
      onProgress: () => {
        pages += 1;
        if (pages !== 1) return;
        woo!.shop.clock.advance(3_600_000);
        woo!.shop.setStatus(firstId, 'spedito-parziale');
      },
    });
    const store = report.stores[0]!;
    expect(store).toMatchObject({ ok: true, created: 23 });
    expect(store.requests).toBe(store.pages);
    expect(await stateCodeOf(firstId)).toBe('spedito-parziale');
    const rows = await t.app.db.selectFrom('orders').select(['id_origin']).execute();
    expect(rows.map((r) => r.id_origin).sort((a, b) => a! - b!)).toEqual([...woo.shop.orders.keys()].sort((a, b) => a - b));
    const next = await pullOrders(t.app, { storeId, quiet: true });
    expect(next.stores[0]).toMatchObject({ ok: true, created: 0, updated: 0, drift: [] });
    expect(next.stores[0]!.fetched).toBeLessThanOrEqual(1);
  });
});

describe('orders pull of a store whose state catalogue was never pulled', () => {
  it('pulls the catalogue once, on the first page with an unknown state, and imports the orders in their states (WooCommerce)', async () => {
    t = await createTestApp({ sandbox: false, config: { orders: { page_size: 5 } } });
    woo = await startWooSandbox({ port: 0, orders: 12, seed: 7, frozenClock: true, now: T0 });
    await t.app.db.insertInto('stores').values({ id_platform: 3, name: 'Bottega WC', base_url: woo.url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) }).execute();
    const storeId = (await t.app.db.selectFrom('stores').select('id_store').where('base_url', '=', woo.url).executeTakeFirstOrThrow()).id_store;
    const report = await pullOrders(t.app, { storeId, quiet: true });
    const store = report.stores[0]!;
    expect(store).toMatchObject({ ok: true, created: 12, warnings: [] });
    // The order pages plus the one catalogue read.
    expect(store.requests).toBe(store.pages + 1);
    const stateless = await t.app.db.selectFrom('orders').select('id_order').where('id_store', '=', storeId).where('id_ecommerce_state', 'is', null).execute();
    expect(stateless).toEqual([]);
    const states = await t.app.db.selectFrom('ecommerce_order_states').select('code').where('id_store', '=', storeId).execute();
    expect(states.length).toBe(SANDBOX_STATUSES.length);
  });
});

