import { afterEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { pullOrders } from '../../../src/pull/orders-pull.js';
import { importOrdersPage } from '../../../src/pull/orders-page-import.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { getStoreById } from '../../../src/stores/store-repository.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

/** Counts the statements Kysely sends. */
function countingPlugin(): { plugin: KyselyPlugin; count: () => number } {
  let count = 0;
  return {
    count: () => count,
    plugin: {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        count += 1;
        return args.node;
      },
      async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        return args.result;
      },
    },
  };
}

describe('orders pull cost', () => {
  it('a page costs at most 20 queries, for 10 or 100 orders alike (nothing per order)', async () => {
    current = await createTestApp({ sandbox: { orders: 220, seed: 4, now: '2026-03-01 12:00:00', frozenClock: true } });
    const t = current;
    await pullStates(t.app);
    const store = await getStoreById(t.app.db, t.storeId!);
    const platform = await t.app.platforms.forStore(store, t.app.env);
    const states = await t.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state']).execute();
    const stateIds = new Map(states.map((s) => [s.id_platform_state, s.id_ecommerce_order_state]));
    const platformIdOf = new Map(states.map((s) => [s.id_ecommerce_order_state, s.id_platform_state]));

    async function queriesFor(offset: number, limit: number, mutate?: () => void): Promise<{ queries: number; created: number; updated: number }> {
      mutate?.();
      const orders = await platform.pullOrders({ offset, limit });
      const customers = await platform.getCustomers(orders.map((o) => o.idCustomer));
      const addresses = await platform.getAddresses(orders.flatMap((o) => [o.idAddressDelivery, o.idAddressInvoice]));
      const counter = countingPlugin();
      const result = await t.app.db.withPlugin(counter.plugin).transaction().execute((trx) => importOrdersPage(trx, {
        store, orders, customers, addresses, stateIds, platformIdOf, initialState: 1, now: '2026-03-01 11:00:00', platformDateOf: (o) => o.dateUpd,
      }));
      return { queries: counter.count(), created: result.created, updated: result.updated };
    }

    // Read, insert, update once per table; statements with nothing to do are skipped.
    const small = await queriesFor(0, 10);
    const large = await queriesFor(10, 100);
    expect(small).toMatchObject({ created: 10 });
    expect(large).toMatchObject({ created: 100 });
    expect(small.queries).toBeLessThanOrEqual(20);
    expect(large.queries).toBeLessThanOrEqual(20);
    // Existing orders, all changed (totals and a row each): again independent of the page size.
    const bump = (from: number, to: number) => () => {
      for (const o of [...t.sandbox!.shop.orders.values()].sort((a, b) => (a.date_upd === b.date_upd ? a.id - b.id : a.date_upd < b.date_upd ? -1 : 1)).slice(from, to)) {
        o.total_shipping += 1;
        o.rows[0]!.product_quantity += 1;
      }
    };
    const smallUpdate = await queriesFor(0, 10, bump(0, 10));
    const largeUpdate = await queriesFor(10, 100, bump(10, 110));
    expect(smallUpdate).toMatchObject({ created: 0, updated: 10 });
    expect(largeUpdate).toMatchObject({ created: 0, updated: 100 });
    expect(smallUpdate.queries).toBeLessThanOrEqual(20);
    expect(largeUpdate.queries).toBeLessThanOrEqual(20);
  });

  it('1,000 orders with pages of 100: ceil(1000/100)+1 order requests and one customer request per page', async () => {
    current = await createTestApp({ sandbox: { orders: 1000, seed: 8 }, config: { orders: { page_size: 100 } } });
    const t = current;
    await pullStates(t.app);
    const mark = t.sandbox!.requests.length;
    const report = await pullOrders(t.app);
    const requests = t.sandbox!.requests.slice(mark);
    expect(report.stores[0]).toMatchObject({ fetched: 1000, created: 1000, pages: 11 });
    expect(requests.filter((r) => r.path === '/api/orders')).toHaveLength(11);
    // Keyset pages re-read the boundary order of the previous page: 100 + 99 × 9 + 9, one customer request each.
    expect(requests.filter((r) => r.path === '/api/customers')).toHaveLength(11);
    expect(report.stores[0]!.requests).toBe(requests.length);
    expect(Number((await t.app.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(1000);
  });
});
