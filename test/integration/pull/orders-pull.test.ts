import { afterEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/db/dialect.js';
import { isoFromWallTime } from '../../../src/dates/iso-date.js';
import { pullOrders } from '../../../src/pull/orders-pull.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

/** The sandbox shop's PS_TIMEZONE: its wall-clock dates come out with Rome's offset. */
const rome = (wall: string): string | null => isoFromWallTime(wall, 'Europe/Rome');

let current: TestApp | undefined;
const extra: Sandbox[] = [];
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
  for (const sandbox of extra.splice(0)) await sandbox.close();
});

const START = '2026-03-01 12:00:00';

async function setup(dialect: DialectName, orders = 250) {
  current = await createTestApp({ dialect, sandbox: { orders, seed: 11, now: START, frozenClock: true }, config: { orders: { page_size: 100, initial_state: 2 } } });
  return current;
}

function ordersRequests(sandbox: Sandbox, from: number) {
  return sandbox.requests.slice(from).filter((r) => r.path === '/api/orders');
}

for (const dialect of testDialects()) {
  describe(`pullOrders on ${dialect}`, () => {
    it('imports every order over several pages with its customer, addresses, rows and products, in a few requests per page', async () => {
      const t = await setup(dialect);
      const shop = t.sandbox!.shop;
      const mark = t.sandbox!.requests.length;
      const progress: number[] = [];
      const report = await pullOrders(t.app, { onProgress: (n) => progress.push(n) });

      const store = report.stores[0]!;
      expect(report.ok).toBe(true);
      expect(store).toMatchObject({ ok: true, since: null, fetched: 250, created: 250, updated: 0, unchanged: 0, drift: [], pages: 3 });
      // Each keyset page starts at the previous page's last date_upd, whose order is not counted twice.
    expect(progress).toEqual([100, 199, 250]);
      // ceil(250 / 100) pages, the last one short; the customers once per page, never per order.
      const requests = t.sandbox!.requests.slice(mark);
      expect(ordersRequests(t.sandbox!, mark)).toHaveLength(3);
      expect(requests.filter((r) => r.path === '/api/customers')).toHaveLength(3);
      expect(requests.filter((r) => r.path === '/api/addresses').length).toBeLessThanOrEqual(6);
      // The state catalogue was missing: pulled once, on the first page.
      expect(requests.filter((r) => r.path === '/api/order_states')).toHaveLength(1);
      expect(store.requests).toBe(requests.length);

      const db = t.app.db;
      const orders = await db.selectFrom('orders as o')
        .leftJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 'o.id_ecommerce_state')
        .leftJoin('customers as c', 'c.id_customer', 'o.id_customer')
        .leftJoin('addresses as a', 'a.id_address', 'o.id_address_delivery')
        .select(['o.id_order', 'o.id_origin', 'o.id_store', 'o.reference', 'o.id_order_state', 's.id_platform_state', 'c.email', 'c.id_origin as customer_origin', 'a.id_origin as address_origin', 'o.total_price_with_tax', 'o.platform_date_upd'])
        .orderBy('o.id_origin').execute();
      expect(orders).toHaveLength(250);
      for (const order of orders) {
        const source = shop.orders.get(order.id_origin!)!;
        expect(order.id_store).toBe(t.storeId);
        expect(order.reference).toBe(source.reference);
        expect(order.id_platform_state).toBe(source.current_state);
        expect(order.id_order_state).toBe(2);
        expect(order.customer_origin).toBe(source.id_customer);
        expect(order.email).toBe(shop.customers.get(source.id_customer)!.email);
        expect(order.address_origin).toBe(source.id_address_delivery);
        expect(Number(order.total_price_with_tax)).toBeCloseTo(source.total_paid_tax_incl, 2);
        expect(order.platform_date_upd).toBe(rome(source.date_upd));
      }
      const history = await db.selectFrom('orders_history').select(['id_order', 'id_order_state']).execute();
      expect(history).toHaveLength(250);
      expect(history.every((h) => h.id_order_state === 2)).toBe(true);
      const details = await db.selectFrom('order_details as d').innerJoin('products as p', 'p.id_product', 'd.id_product').select(['d.id_origin', 'd.product_qty', 'p.id_origin as product_origin', 'p.quantity']).execute();
      const shopRows = [...shop.orders.values()].flatMap((o) => o.rows);
      expect(details).toHaveLength(shopRows.length);
      const rowById = new Map(shopRows.map((r) => [r.id, r]));
      for (const d of details) {
        expect(d.product_qty).toBe(rowById.get(d.id_origin!)!.product_quantity);
        expect(d.product_origin).toBe(rowById.get(d.id_origin!)!.product_id);
        expect(d.quantity).toBe(0);
      }
      const watermark = rome([...shop.orders.values()].map((o) => o.date_upd).sort().at(-1)!);
      expect(store.watermark).toBe(watermark);
      expect((await db.selectFrom('stores').select('orders_watermark').where('id_store', '=', t.storeId!).executeTakeFirstOrThrow()).orders_watermark).toBe(watermark);
    });

    it('then fetches only what changed since the watermark, creates new orders and reports drift without touching local states', async () => {
      const t = await setup(dialect, 120);
      const shop = t.sandbox!.shop;
      await pullOrders(t.app);
      const oldWatermark = (await t.app.db.selectFrom('stores').select('orders_watermark').executeTakeFirstOrThrow()).orders_watermark!;
      const atWatermark = [...shop.orders.values()].filter((o) => rome(o.date_upd) === oldWatermark).map((o) => o.id);

      // An hour later, in the shop's back office: three orders change state, one new order arrives.
      shop.advanceClock(3_600_000);
      const changed = [5, 17, 60].map((id) => {
        const order = shop.orders.get(id)!;
        const target = [...shop.orderStates.values()].find((s) => !s.deleted && s.id !== order.current_state)!;
        const before = order.current_state;
        shop.setOrderState(id, target.id);
        return { id, before, now: target.id };
      });
      const fresh = shop.addOrder({ rows: [{ product_id: 3, product_quantity: 2 }] });
      await t.app.db.updateTable('orders').set({ id_order_state: 4 }).where('id_origin', '=', 17).execute();

      const mark = t.sandbox!.requests.length;
      const report = await pullOrders(t.app);
      const store = report.stores[0]!;
      const pages = ordersRequests(t.sandbox!, mark);
      expect(pages).toHaveLength(1);
      expect(decodeURIComponent(pages[0]!.query)).toContain('filter[date_upd]=>[');
      expect(store.since).toBe(oldWatermark);
      // Only the changed orders, plus those updated in the very second of the old watermark (at-or-after, never a gap).
      const boundary = atWatermark.filter((id) => !changed.some((c) => c.id === id));
      expect(store.fetched).toBe(4 + boundary.length);
      expect(store).toMatchObject({ created: 1, updated: 3, unchanged: boundary.length });
      expect(store.drift.map((d) => [d.id_origin, d.platform_state_before, d.platform_state_now]).sort((a, b) => a[0]! - b[0]!)).toEqual(changed.map((c) => [c.id, c.before, c.now]));
      expect(store.drift.find((d) => d.id_origin === 17)!.local_state).toBe(4);
      const rows = await t.app.db.selectFrom('orders as o').innerJoin('ecommerce_order_states as s', 's.id_ecommerce_order_state', 'o.id_ecommerce_state')
        .select(['o.id_origin', 'o.id_order_state', 's.id_platform_state']).where('o.id_origin', 'in', [5, 17, 60, fresh.id]).orderBy('o.id_origin').execute();
      expect(rows.map((r) => r.id_platform_state)).toEqual([...changed.map((c) => c.now), fresh.current_state]);
      // The local state is the back office's own: left alone.
      expect(rows.map((r) => r.id_order_state)).toEqual([2, 4, 2, 2]);
      expect(store.watermark).toBe(rome(shop.now()));

      // Nothing changed since: one request, everything unchanged, no drift.
      const again = await pullOrders(t.app);
      expect(again.stores[0]).toMatchObject({ created: 0, updated: 0, drift: [], pages: 1 });
    });

    it('keeps id_origin unique per store: two shops with overlapping order ids', async () => {
      const t = await setup(dialect, 30);
      const other = await startSandbox({ orders: 20, seed: 12, now: START, frozenClock: true });
      extra.push(other);
      await t.app.db.insertInto('stores').values({ id_platform: 1, name: 'secondo', base_url: other.url, api_key: other.apiKey, format: 'json' }).execute();
      const report = await pullOrders(t.app);
      expect(report.stores.map((s) => [s.store, s.created])).toEqual([['sandbox', 30], ['secondo', 20]]);
      const both = await t.app.db.selectFrom('orders as o').innerJoin('stores', 'stores.id_store', 'o.id_store').select(['stores.name', 'o.reference']).where('o.id_origin', '=', 1).orderBy('stores.name').execute();
      expect(both).toEqual([
        { name: 'sandbox', reference: t.sandbox!.shop.orders.get(1)!.reference },
        { name: 'secondo', reference: other.shop.orders.get(1)!.reference },
      ]);
      // Customers, too, are per store.
      const customers = await t.app.db.selectFrom('customers').select(['id_store', 'email']).where('id_origin', '=', other.shop.orders.get(1)!.id_customer).execute();
      expect(customers.some((c) => c.email === other.shop.customers.get(other.shop.orders.get(1)!.id_customer)!.email)).toBe(true);
      // Only one store, from a given time.
      const one = await pullOrders(t.app, { storeId: report.stores[1]!.id_store, full: true });
      expect(one.stores).toHaveLength(1);
      expect(one.stores[0]).toMatchObject({ fetched: 20, created: 0, updated: 0, unchanged: 20 });
    });

    it('--since overrides the watermark, --full ignores it; a bad since is refused; rows changed on the platform are updated', async () => {
      const t = await setup(dialect, 40);
      const shop = t.sandbox!.shop;
      await pullOrders(t.app);
      await expect(pullOrders(t.app, { since: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_SINCE' });
      t.app.config.orders.initial_state = 99;
      await expect(pullOrders(t.app)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('orders.initial_state is 99') });
      t.app.config.orders.initial_state = 2;
      const full = await pullOrders(t.app, { full: true });
      expect(full.stores[0]).toMatchObject({ since: null, fetched: 40, unchanged: 40 });
      const sorted = [...shop.orders.values()].map((o) => o.date_upd).sort();
      const since = sorted[30]!;
      const partial = await pullOrders(t.app, { since });
      expect(partial.stores[0]!.since).toBe(rome(since));
      expect(partial.stores[0]!.fetched).toBe(sorted.filter((d) => d >= since).length);

      // A row's quantity changed and a row removed on the shop: the order is updated, rows follow.
      shop.advanceClock(60_000);
      const order = [...shop.orders.values()].find((o) => o.rows.length >= 2)!;
      order.rows[0]!.product_quantity += 5;
      const removed = order.rows.pop()!;
      order.date_upd = shop.now();
      const report = await pullOrders(t.app);
      expect(report.stores[0]).toMatchObject({ updated: 1, drift: [] });
      const local = await t.app.db.selectFrom('orders').select('id_order').where('id_origin', '=', order.id).executeTakeFirstOrThrow();
      const details = await t.app.db.selectFrom('order_details').select(['id_origin', 'product_qty']).where('id_order', '=', local.id_order).orderBy('id_origin').execute();
      expect(details).toEqual(order.rows.map((r) => ({ id_origin: r.id, product_qty: r.product_quantity })));
      expect(details.some((d) => d.id_origin === removed.id)).toBe(false);
    });

    it('reports a failing store and still imports the others', async () => {
      const t = await setup(dialect, 10);
      await t.app.db.insertInto('stores').values({ id_platform: 1, name: 'rotto', base_url: t.sandbox!.url, api_key: 'WRONGKEY000000000000000000000000', format: 'xml' }).execute();
      const report = await pullOrders(t.app);
      expect(report.ok).toBe(false);
      expect(report.stores.map((s) => [s.store, s.ok, s.created, s.error?.code])).toEqual([['sandbox', true, 10, undefined], ['rotto', false, 0, 'PLATFORM_UNAUTHORIZED']]);
    });
  });
}
