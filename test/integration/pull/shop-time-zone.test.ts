/**
 * A PrestaShop shop in Europe/Rome writes its dates as wall-clock times without an offset
 * (PS_TIMEZONE says which zone): the pull converts them at import, across both DST switches, and
 * still filters the next pull in the shop's own time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/app.js';
import { pullOrders } from '../../../src/pull/orders-pull.js';
import { SHOP_TIME_ZONE_TTL_MS } from '../../../src/platforms/prestashop/shop-memory.js';
import type { DialectName } from '../../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** Orders created and last updated at these shop wall times (spring forward on 29 March, fall back on 25 October 2026). */
const WALL_TIMES = ['2026-03-29 01:30:00', '2026-03-29 03:30:00', '2026-10-25 01:30:00', '2026-10-25 02:30:00', '2026-10-25 03:30:00'];

async function romeShop(dialect: DialectName, settings?: Record<string, string>) {
  let now = Date.UTC(2026, 10, 25, 7, 0, 0);
  t = await createTestApp({ dialect, sandbox: { orders: 0, now: '2026-03-01 12:00:00', frozenClock: true }, overrides: { clock: { now: () => now, sleep: systemClock.sleep } } });
  const shop = t.sandbox!.shop;
  for (const wall of WALL_TIMES) {
    shop.setNow(wall);
    shop.addOrder({ rows: [{ product_id: 1 }] });
  }
  if (settings) await t.app.db.updateTable('stores').set({ settings: JSON.stringify(settings) }).where('id_store', '=', t.storeId!).execute();
  return { app: t.app, shop, sandbox: t.sandbox!, advance: (ms: number) => { now += ms; } };
}

/** The request for PS_TIMEZONE (the states pull reads PS_LANG_DEFAULT from the same resource). */
const asksTimeZone = (r: { path: string; query: string }) => r.path === '/api/configurations' && decodeURIComponent(r.query).includes('PS_TIMEZONE');

async function importedDates(app: TestApp['app']) {
  return app.db.selectFrom('orders').select(['id_origin', 'date_add', 'platform_date_upd']).orderBy('id_origin').execute();
}

for (const dialect of testDialects()) {
describe(`orders pull of a shop in Europe/Rome (PS_TIMEZONE) on ${dialect}`, () => {
  it('stores date_add in UTC and platform_date_upd, the watermark and since with +01:00 / +02:00 around DST', async () => {
    const { app, shop, sandbox, advance } = await romeShop(dialect);
    const report = await pullOrders(app);
    expect(report.stores[0]).toMatchObject({ ok: true, fetched: 5, created: 5, warnings: [], watermark: '2026-10-25T03:30:00+01:00' });
    expect(sandbox.requests.filter((r) => asksTimeZone(r))).toHaveLength(1);
    expect(await importedDates(app)).toEqual([
      { id_origin: 1, date_add: '2026-03-29 00:30:00', platform_date_upd: '2026-03-29T01:30:00+01:00' },
      { id_origin: 2, date_add: '2026-03-29 01:30:00', platform_date_upd: '2026-03-29T03:30:00+02:00' },
      { id_origin: 3, date_add: '2026-10-24 23:30:00', platform_date_upd: '2026-10-25T01:30:00+02:00' },
      // 02:30 happens twice that night: read as the first time, the earlier instant.
      { id_origin: 4, date_add: '2026-10-25 00:30:00', platform_date_upd: '2026-10-25T02:30:00+02:00' },
      { id_origin: 5, date_add: '2026-10-25 02:30:00', platform_date_upd: '2026-10-25T03:30:00+01:00' },
    ].map((row) => expect.objectContaining(row)));
    const stored = await app.db.selectFrom('stores').select('orders_watermark').where('id_store', '=', t!.storeId!).executeTakeFirstOrThrow();
    expect(stored.orders_watermark).toBe('2026-10-25T03:30:00+01:00');

    // The next pull filters in the shop's own time, one second before the watermark: "at or after".
    shop.setNow('2026-11-25 08:00:00');
    shop.setOrderState(2, 3);
    advance(60 * 60 * 1000);
    const mark = sandbox.requests.length;
    const next = await pullOrders(app);
    const requests = sandbox.requests.slice(mark);
    const pages = requests.filter((r) => r.path === '/api/orders');
    expect(decodeURIComponent(pages[0]!.query)).toContain('filter[date_upd]=>[2026-10-25 03:29:59]');
    // PS_TIMEZONE is remembered for a day: no configurations request an hour later.
    expect(requests.filter((r) => asksTimeZone(r))).toHaveLength(0);
    expect(next.stores[0]).toMatchObject({ ok: true, since: '2026-10-25T03:30:00+01:00', fetched: 2, updated: 1, unchanged: 1, watermark: '2026-11-25T08:00:00+01:00' });

    // A day later it is read again, once.
    advance(SHOP_TIME_ZONE_TTL_MS);
    const markDay = sandbox.requests.length;
    await pullOrders(app);
    expect(sandbox.requests.slice(markDay).filter((r) => asksTimeZone(r))).toHaveLength(1);
  });

  it('--since in ISO 8601 with an offset is converted to the shop\'s time; a watermark stored as shop-local time still works', async () => {
    const { app, sandbox } = await romeShop(dialect);
    const mark = sandbox.requests.length;
    // 01:30 UTC is 03:30 in Rome after the spring switch: order 1 (01:30 +01:00 = 00:30 UTC) is before it.
    const since = await pullOrders(app, { since: '2026-03-29T01:30:00Z' });
    expect(decodeURIComponent(sandbox.requests.slice(mark).find((r) => r.path === '/api/orders')!.query)).toContain('filter[date_upd]=>[2026-03-29 03:29:59]');
    expect(since.stores[0]).toMatchObject({ since: '2026-03-29T03:30:00+02:00', fetched: 4 });

    // A watermark written before dates carried offsets is the shop's own wall time.
    await app.db.updateTable('stores').set({ orders_watermark: '2026-10-25 02:30:00' }).execute();
    const markLegacy = sandbox.requests.length;
    const legacy = await pullOrders(app);
    expect(decodeURIComponent(sandbox.requests.slice(markLegacy).find((r) => r.path === '/api/orders')!.query)).toContain('filter[date_upd]=>[2026-10-25 02:29:59]');
    expect(legacy.stores[0]).toMatchObject({ ok: true, since: '2026-10-25T02:30:00+02:00', fetched: 2, watermark: '2026-10-25T03:30:00+01:00' });
  });

  it('a store --timezone wins over the shop and costs no request', async () => {
    const { app, sandbox } = await romeShop(dialect, { timezone: 'America/New_York' });
    const report = await pullOrders(app);
    expect(sandbox.requests.filter((r) => asksTimeZone(r))).toHaveLength(0);
    expect(report.stores[0]!.watermark).toBe('2026-10-25T03:30:00-04:00');
    expect((await importedDates(app))[0]).toMatchObject({ date_add: '2026-03-29 05:30:00', platform_date_upd: '2026-03-29T01:30:00-04:00' });
  });

  it('a time zone the shop does not give, or that is not one, is read as UTC with a warning', async () => {
    const { app, shop } = await romeShop(dialect);
    shop.setConfiguration('PS_TIMEZONE', 'Europe/Roma');
    const report = await pullOrders(app);
    expect(report.stores[0]!.ok).toBe(true);
    expect(report.stores[0]!.warnings).toEqual([expect.stringContaining('"Europe/Roma" (PS_TIMEZONE) is not one ecom-sync knows: its dates are read as UTC (set it with `ecom-sync stores update 1 --timezone')]);
    expect(report.stores[0]!.watermark).toBe('2026-10-25T03:30:00+00:00');
    expect((await importedDates(app))[0]).toMatchObject({ date_add: '2026-03-29 01:30:00', platform_date_upd: '2026-03-29T01:30:00+00:00' });
  });
});
}
