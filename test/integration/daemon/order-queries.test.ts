import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/daemon/build-server.js';
import { findOrderDetail, listOrders } from '../../../src/orders/order-queries.js';
import { showOrder } from '../../../src/orders/show-order.js';
import { testDialects } from '../../helpers/test-database.js';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

/** Counts the statements sent to the database. */
class CountingPlugin implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe.each(testDialects())('order queries on %s', (dialect) => {
  let f: DaemonFixture;
  beforeAll(async () => {
    f = await createDaemonFixture({ dialect, sandbox: false });
    await f.app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'negozio', base_url: 'http://127.0.0.1:9', api_key: 'K'.repeat(32) }).execute();
    await f.app.db.insertInto('ecommerce_order_states').values({ id_ecommerce_order_state: 7, id_store: 1, id_platform_state: 3, name: '03 - Preparazione ordine in corso....', platform_name: 'PrestaShop' }).execute();
    await seedOrders(f.app, 1, Array.from({ length: 60 }, (_, i) => ({ id_order: i + 1, id_order_state: (i % 3) + 1, id_ecommerce_state: i % 2 === 0 ? 7 : null, total: 100 + i })));
  });
  afterAll(async () => { await f.cleanup(); });

  it('a page costs the same number of statements whatever its size (never one per order)', async () => {
    const counts: number[] = [];
    for (const limit of [1, 5, 50]) {
      const plugin = new CountingPlugin();
      const page = await listOrders(f.app.db.withPlugin(plugin), { page: 1, limit });
      expect(page.orders).toHaveLength(limit);
      counts.push(plugin.count);
    }
    expect(counts).toEqual([2, 2, 2]);
  });

  it('GET /api/v1/orders through the server: the same fixed count for 5 and 100 orders', async () => {
    const counts: number[] = [];
    for (const limit of [5, 60]) {
      const plugin = new CountingPlugin();
      const server = buildServer({ ...f.app, db: f.app.db.withPlugin(plugin) }, { services: f.services });
      const res = await server.inject({ method: 'GET', url: `/api/v1/orders?limit=${limit}`, headers: AUTH });
      expect(res.json().orders).toHaveLength(limit);
      counts.push(plugin.count);
      await server.close();
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('maps every dialect to the same JSON: numbers, null e-commerce state, newest first', async () => {
    const page = await listOrders(f.app.db, { page: 1, limit: 3, idOrderState: 1 });
    expect(page).toMatchObject({ total: 20, page: 1, limit: 3 });
    expect(page.orders.map((o) => o.id_order)).toEqual([58, 55, 52]);
    expect(page.orders[1]).toMatchObject({ total_price_with_tax: 154, ecommerce_order_state: { id: 7, state_name: '03 - Preparazione ordine in corso....' } });
    expect(page.orders[0]).toMatchObject({ id_order: 58, ecommerce_order_state: null, customer_name: 'Mario Rossi 58' });
    const detail = await findOrderDetail(f.app.db, 1);
    expect(detail?.order_details.map((d) => d.product_qty)).toEqual([1, 2]);
    expect(typeof detail?.date_add).toBe('string');
    expect(await findOrderDetail(f.app.db, 12345)).toBeUndefined();
  });

  it('`orders show` is the REST detail with its own parts on top: one reader, one shape', async () => {
    await f.app.db.insertInto('orders_history').values([
      { id_order: 2, id_order_state: 2, date_add: '2026-11-30 10:00:00', reason: null },
      { id_order: 2, id_order_state: 3, date_add: '2026-11-30 11:00:00', reason: 'collected at the counter' },
    ]).execute();
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/orders/2', headers: AUTH });
    expect(res.statusCode).toBe(200);
    const shown = await showOrder(f.app.db, 2);
    const { sync_jobs: jobs, sync_log: log, history, ...rest } = shown;
    expect(jobs).toEqual([]);
    expect(log).toEqual([]);
    expect(history.map((h) => h.reason)).toEqual([null, 'collected at the counter']);
    // The REST body is the shown order without the parts added on top, value for value.
    expect(res.json()).toEqual(JSON.parse(JSON.stringify({ ...rest, history: history.map(({ reason: _reason, ...h }) => h) })));
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(await findOrderDetail(f.app.db, 2))));
    const admin = await f.server.inject({ method: 'GET', url: '/api/v1/admin/orders/2', headers: AUTH });
    expect(admin.json()).toEqual(JSON.parse(JSON.stringify(shown)));
  });
});
