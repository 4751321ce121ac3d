/**
 * Pulls against a shop that behaves like the real 8.2.1 one: orders touched while a pull runs,
 * broken state catalogues, keys without some permissions, country ids of the shop's own, multistore.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isoFromWallTime } from '../../../src/dates/iso-date.js';
import type { DialectName } from '../../../src/db/dialect.js';
import { pullOrders } from '../../../src/pull/orders-pull.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import type { Sandbox } from '../../../src/platforms/sandbox/index.js';
import { recordedBody } from '../../helpers/real-recordings.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

let current: TestApp | undefined;
const extra: Sandbox[] = [];
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
  for (const sandbox of extra.splice(0)) await sandbox.close();
});

const START = '2026-03-01 12:00:00';

for (const dialect of testDialects()) {
  describe(`pulls against a real-like shop on ${dialect}`, () => {
    const setup = async (orders: number, sandbox: Record<string, unknown> = {}, d: DialectName = dialect) => {
      current = await createTestApp({ dialect: d, sandbox: { orders, seed: 5, now: START, frozenClock: true, ...sandbox }, config: { orders: { page_size: 100, initial_state: 2 } } });
      return current;
    };

    it('never skips an order touched between two pages, and the next incremental pull still finds it', async () => {
      const t = await setup(300);
      const shop = t.sandbox!.shop;
      await pullStates(t.app);
      // After the first page of orders was served, a back-office change moves order 3 (of page 1) to the end.
      let pagesServed = 0;
      t.sandbox!.onRequest((entry) => {
        if (entry.path !== '/api/orders' || !entry.query.includes('display=full')) return;
        pagesServed += 1;
        if (pagesServed === 1) {
          shop.advanceClock(60_000);
          shop.setOrderState(3, 6);
        }
      });
      const report = await pullOrders(t.app);
      const store = report.stores[0]!;
      expect(store.ok).toBe(true);
      const imported = await t.app.db.selectFrom('orders').select('id_origin').execute();
      expect(new Set(imported.map((o) => o.id_origin)).size).toBe(300);
      // Order 3 came back at the end with its new state; the watermark is its new date_upd.
      expect(store.watermark).toBe(isoFromWallTime(shop.orders.get(3)!.date_upd, 'Europe/Rome'));
      const three = await t.app.db.selectFrom('orders as o').innerJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 'o.id_ecommerce_state')
        .select('s.id_platform_state').where('o.id_origin', '=', 3).executeTakeFirstOrThrow();
      expect(three.id_platform_state).toBe(6);
      // The page requests are keyset requests, never offsets past 0.
      const pageQueries = t.sandbox!.requests.filter((r) => r.path === '/api/orders' && r.query.includes('display=full')).map((r) => decodeURIComponent(r.query));
      expect(pageQueries.every((q) => q.includes('limit=0,100'))).toBe(true);
      expect(pageQueries.slice(1).every((q) => q.includes('filter[date_upd]='))).toBe(true);
    });

    it('drains a second that holds more than a page of orders with filter[date_upd]=[x,x] and filter[id]', async () => {
      const t = await setup(0);
      const shop = t.sandbox!.shop;
      shop.addCustomer({ id: 1, firstname: 'Mario', lastname: 'Rossi', email: 'm@example.it' });
      shop.addAddress({ id_customer: 1, address1: 'Via Roma 1', postcode: '00100', city: 'Roma' });
      for (let i = 0; i < 230; i++) shop.addOrder({ id_customer: 1, current_state: 2, date_add: '2026-02-01 10:00:00' });
      for (const order of shop.orders.values()) order.date_upd = '2026-02-01 10:00:00';
      const report = await pullOrders(t.app);
      expect(report.stores[0]).toMatchObject({ ok: true, fetched: 230, created: 230 });
      const queries = t.sandbox!.requests.filter((r) => r.path === '/api/orders').map((r) => decodeURIComponent(r.query));
      expect(queries.some((q) => q.includes('filter[date_upd]=[2026-02-01 10:00:00,2026-02-01 10:00:00]') && q.includes('filter[id]=>['))).toBe(true);
      expect(queries.length).toBeLessThan(10);
    });

    it('refuses an empty or cut state catalogue with PLATFORM_BAD_RESPONSE and flags nothing', async () => {
      const t = await setup(1);
      expect((await pullStates(t.app)).ok).toBe(true);
      const cut = recordedBody('01-order_states-xml');
      for (const body of ['', cut.slice(0, Math.floor(cut.length / 2)), '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop><order_states>\n</order_states>\n</prestashop>']) {
        t.sandbox!.faults.answerNext(1, 200, body, { path: '/api/order_states' });
        const report = await pullStates(t.app);
        expect(report.ok).toBe(false);
        expect(report.stores[0]!.error?.code).toBe('PLATFORM_BAD_RESPONSE');
        const flagged = await t.app.db.selectFrom('ecommerce_order_states').select('id_platform_state').where((eb) => eb.or([eb('is_missing', '=', 1), eb('is_deleted', '=', 1)])).execute();
        expect(flagged.map((s) => s.id_platform_state)).toEqual([14]);
      }
    });

    it('asks for --accept-removals before flagging more than half of the states', async () => {
      const t = await setup(1);
      expect((await pullStates(t.app)).ok).toBe(true);
      for (const id of [2, 3, 4, 5, 6, 7, 8, 9]) t.sandbox!.shop.orderStates.delete(id);
      const refused = await pullStates(t.app);
      expect(refused.ok).toBe(false);
      expect(refused.stores[0]!.error).toMatchObject({ code: 'STATES_REMOVAL_UNCONFIRMED' });
      expect(refused.stores[0]!.error!.message).toContain('--accept-removals');
      expect(t.log.lines.some((l) => l.startsWith('ERROR - Sync stati ordine rifiutato per store'))).toBe(true);
      const missing = () => t.app.db.selectFrom('ecommerce_order_states').select('id_platform_state').where('is_missing', '=', 1).execute();
      expect(await missing()).toEqual([]);
      const accepted = await pullStates(t.app, { acceptRemovals: true });
      expect(accepted.ok).toBe(true);
      expect((await missing()).length).toBe(8);
    });

    it('imports orders without the parts the key may not read, one warning per permission, and leaves the key alone', async () => {
      const t = await setup(20, { permissions: { orders: ['GET', 'HEAD'], order_states: ['GET', 'HEAD'], configurations: ['GET'], addresses: ['GET'], order_histories: ['POST'] } });
      const report = await pullOrders(t.app);
      const store = report.stores[0]!;
      expect(store).toMatchObject({ ok: true, fetched: 20, created: 20 });
      expect(store.warnings.filter((w) => w.includes('may not read customers'))).toHaveLength(1);
      expect(store.warnings.filter((w) => w.includes('may not read countries'))).toHaveLength(1);
      const orders = await t.app.db.selectFrom('orders').select(['id_customer', 'id_address_delivery']).execute();
      expect(orders.every((o) => o.id_customer === null && o.id_address_delivery !== null)).toBe(true);
      const row = await t.app.db.selectFrom('stores').select('credentials_error').executeTakeFirstOrThrow();
      expect(row.credentials_error).toBeNull();
    });

    it('fails a pull of orders the key may not read with PLATFORM_PERMISSION naming the resource, without marking the key', async () => {
      const t = await setup(3, { permissions: { order_states: ['GET'], configurations: ['GET'] } });
      const report = await pullOrders(t.app);
      expect(report.stores[0]!.error?.code).toBe('PLATFORM_PERMISSION');
      expect(report.stores[0]!.error!.message).toMatch(/^the API key has no permission to GET orders/);
      const row = await t.app.db.selectFrom('stores').select('credentials_error').executeTakeFirstOrThrow();
      expect(row.credentials_error).toBeNull();
    });

    it('points addresses at local countries matched by ISO code, adding the ones missing', async () => {
      const t = await setup(0);
      const shop = t.sandbox!.shop;
      shop.addCustomer({ id: 1, firstname: 'John', lastname: 'Smith', email: 'j@example.com' });
      shop.addAddress({ id: 1, id_customer: 1, address1: '5th Avenue 1', postcode: '10001', city: 'New York', id_country: 21 });
      shop.addAddress({ id: 2, id_customer: 1, address1: 'Via Roma 1', postcode: '00100', city: 'Roma', id_country: 10 });
      shop.addOrder({ id_customer: 1, id_address_delivery: 1, id_address_invoice: 2, current_state: 2 });
      await pullOrders(t.app);
      const rows = await t.app.db.selectFrom('addresses as a').innerJoin('countries as c', 'c.id_country', 'a.id_country').select(['a.id_origin', 'c.iso_code']).orderBy('a.id_origin').execute();
      expect(rows).toEqual([{ id_origin: 1, iso_code: 'US' }, { id_origin: 2, iso_code: 'IT' }]);
      // Italy is the seeded local country 1, not PrestaShop's 10.
      const italy = await t.app.db.selectFrom('addresses').select('id_country').where('id_origin', '=', 2).executeTakeFirstOrThrow();
      expect(italy.id_country).toBe(1);
    });

    it('pulls two shops of one multistore PrestaShop into two stores, with id_shop on every request', async () => {
      const t = await setup(10, { multishop: true });
      const sandbox = t.sandbox!;
      await t.app.db.updateTable('stores').set({ shop_id: 1 }).where('id_store', '=', t.storeId!).execute();
      await t.app.db.insertInto('stores').values({ id_platform: 1, name: 'outlet', base_url: sandbox.url, api_key: sandbox.apiKey, shop_id: 2 }).execute();
      const mark = sandbox.requests.length;
      const report = await pullOrders(t.app);
      expect(report.stores.map((s) => [s.store, s.fetched])).toEqual([['sandbox', 5], ['outlet', 5]]);
      const requests = sandbox.requests.slice(mark);
      expect(requests.every((r) => /(^|&)id_shop=[12](&|$)/.test(r.query))).toBe(true);
      const byStore = await t.app.db.selectFrom('orders').select(['id_store', 'id_origin']).orderBy('id_origin').execute();
      expect(byStore.filter((o) => o.id_origin! % 2 === 0).every((o) => o.id_store !== t.storeId)).toBe(true);
    });

    it('works with a shop without URL rewriting (dispatcher.php) and says when a URL is not a webservice', async () => {
      const t = await setup(4, { urlRewrite: false });
      const wrong = await pullOrders(t.app);
      expect(wrong.stores[0]!.error?.code).toBe('PLATFORM_NOT_WEBSERVICE');
      expect(wrong.stores[0]!.error!.message).toContain('this URL does not look like a PrestaShop webservice');
      await t.app.db.updateTable('stores').set({ url_rewrite: 0 }).execute();
      const ok = await pullOrders(t.app);
      expect(ok.stores[0]).toMatchObject({ ok: true, fetched: 4 });
    });
  });
}
