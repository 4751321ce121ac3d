import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NeutralOrder, OrdersWatermark } from '../../../src/platforms/platform-port.js';
import type { WooCommercePlatform } from '../../../src/platforms/woocommerce/index.js';
import { startWooSandbox, toWooGmt, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { createAgent, wooClient } from './woo-test-kit.js';

const T0 = Date.parse('2026-11-30T10:00:00Z');
let sandbox: WooSandbox;
const agent = createAgent();

beforeEach(async () => {
  sandbox = await startWooSandbox({ port: 0, orders: 23, seed: 5, frozenClock: true, now: T0 });
});
afterEach(async () => {
  await sandbox.close();
});
afterAll(async () => {
  await agent.close();
});

interface Walk {
  orders: NeutralOrder[];
  requests: number;
  pages: number;
}

/** Walks every page from `since`; `between(page)` runs after each page (to change the shop mid-pull). */
async function walk(client: WooCommercePlatform, since: OrdersWatermark | null, limit: number, between?: (page: number) => void): Promise<Walk> {
  const orders: NeutralOrder[] = [];
  let cursor: string | null = null;
  let requests = 0;
  let pages = 0;
  do {
    const page = await client.pullOrdersPage({ since, cursor, limit });
    orders.push(...page.orders);
    requests += page.requests;
    pages += 1;
    cursor = page.nextCursor;
    between?.(pages);
    if (pages > 100) throw new Error('the pull does not end');
  } while (cursor !== null);
  return { orders, requests, pages };
}

/** Sets date_modified of the given orders to T0 + seconds. */
function setModified(seconds: Record<number, number>): void {
  for (const [id, s] of Object.entries(seconds)) sandbox.shop.orders.get(Number(id))!.date_modified_gmt = toWooGmt(T0 + s * 1000);
}

const key = (o: NeutralOrder) => `${o.idOrigin}@${o.updatedAt}`;

describe('orders pull (modified_after keyset paging)', () => {
  it('walks every order once, ascending by (modified, id), one request a page, asking WooCommerce for modified asc in GMT', async () => {
    const client = wooClient(sandbox, agent);
    const result = await walk(client, null, 5);
    expect(result.orders.map((o) => o.idOrigin).sort((a, b) => a - b)).toEqual([...sandbox.shop.orders.keys()].sort((a, b) => a - b));
    expect(new Set(result.orders.map(key)).size).toBe(result.orders.length);
    const sorted = [...result.orders].sort((a, b) => (a.updatedAt === b.updatedAt ? a.idOrigin - b.idOrigin : a.updatedAt < b.updatedAt ? -1 : 1));
    expect(result.orders).toEqual(sorted);
    expect(result.requests).toBe(result.pages);
    const first = new URLSearchParams(sandbox.requests.find((r) => r.route === '/wc/v3/orders')!.query);
    expect(Object.fromEntries([...first.entries()].filter(([k]) => !k.startsWith('oauth') && !k.startsWith('consumer')))).toEqual({ per_page: '5', page: '1', orderby: 'modified', order: 'asc', dates_are_gmt: 'true' });
  });

  it('per_page is capped at 100', async () => {
    await wooClient(sandbox, agent).pullOrdersPage({ since: null, cursor: null, limit: 500 });
    expect(new URLSearchParams(sandbox.requests[sandbox.requests.length - 1]!.query).get('per_page')).toBe('100');
  });

  it('an order modified between pages is not skipped and no other order is skipped or repeated', async () => {
    const client = wooClient(sandbox, agent);
    const ascending = [...sandbox.shop.orders.values()].sort((a, b) => (a.date_modified_gmt < b.date_modified_gmt ? -1 : a.date_modified_gmt > b.date_modified_gmt ? 1 : a.id - b.id));
    const moved = ascending[1]!.id;
    const result = await walk(client, null, 5, (page) => {
      if (page === 1) {
        // An admin edits an order of the first page: it moves to the end of the list.
        sandbox.shop.clock.advance(1000);
        sandbox.shop.setStatus(moved, 'completed');
      }
    });
    const ids = result.orders.map((o) => o.idOrigin);
    for (const id of sandbox.shop.orders.keys()) expect(ids).toContain(id);
    expect(ids.filter((id) => id === moved)).toHaveLength(2);
    expect(ids.filter((id) => id !== moved)).toHaveLength(sandbox.shop.orders.size - 1);
    expect(result.orders[result.orders.length - 1]).toMatchObject({ idOrigin: moved, stateCode: 'completed', updatedAt: new Date(T0 + 1000).toISOString() });
  });

  it('two orders in the same second at a page boundary: both come, each once', async () => {
    const ids = [...sandbox.shop.orders.keys()].sort((a, b) => a - b);
    const seconds: Record<number, number> = {};
    ids.forEach((id, i) => (seconds[id] = -1000 + i));
    // The 5th and 6th of the list share one second; the page ends between them.
    seconds[ids[5]!] = seconds[ids[4]!]!;
    setModified(seconds);
    const result = await walk(wooClient(sandbox, agent), null, 5);
    expect(result.orders.map((o) => o.idOrigin).sort((a, b) => a - b)).toEqual(ids);
    // The sandbox gives ties in descending id (as MySQL may): the page ended inside that second.
    expect(result.orders.slice(4, 6).map((o) => o.idOrigin).sort((a, b) => a - b)).toEqual([ids[4], ids[5]]);
    expect(result.orders.filter((o) => o.idOrigin === ids[4] || o.idOrigin === ids[5])).toHaveLength(2);
    const second = new URLSearchParams(sandbox.requests.filter((r) => r.route === '/wc/v3/orders')[1]!.query);
    expect(second.get('modified_after')).toBe(toWooGmt(T0 + (seconds[ids[4]!]! - 1) * 1000));
  });

  it('a whole page in one second: pages on by excluding what was returned', async () => {
    const ids = [...sandbox.shop.orders.keys()];
    setModified(Object.fromEntries(ids.map((id) => [id, -50])));
    const result = await walk(wooClient(sandbox, agent), null, 5);
    expect(result.orders.map((o) => o.idOrigin).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(result.orders.map((o) => o.idOrigin)).size).toBe(ids.length);
  });

  it('from a watermark: the boundary second is read again (modified_after is strict), so an order changed in that second after the pull is not lost', async () => {
    const ids = [...sandbox.shop.orders.keys()].sort((a, b) => a - b);
    setModified(Object.fromEntries(ids.map((id, i) => [id, -100 + i])));
    const client = wooClient(sandbox, agent);
    const first = await walk(client, null, 100);
    const last = first.orders[first.orders.length - 1]!;
    const watermark: OrdersWatermark = { updatedAt: last.updatedAt, idOrigin: last.idOrigin };
    // Later in that same second another order is saved.
    setModified({ [ids[0]!]: -100 + ids.length - 1 });
    const next = await walk(client, watermark, 100);
    expect(next.orders.map((o) => o.idOrigin).sort((a, b) => a - b)).toEqual([ids[0], last.idOrigin].sort((a, b) => a! - b!));
    expect(new URLSearchParams(sandbox.requests[sandbox.requests.length - 1]!.query).get('modified_after')).toBe(toWooGmt(Date.parse(last.updatedAt) - 1000));
    // Nothing changed: only the boundary second again, never older orders.
    const again = await walk(client, { updatedAt: last.updatedAt, idOrigin: last.idOrigin }, 100);
    expect(again.orders.every((o) => o.updatedAt >= last.updatedAt)).toBe(true);
  });

  it('maps addresses (country ISO), lines and string totals', async () => {
    const page = await wooClient(sandbox, agent).pullOrdersPage({ since: null, cursor: null, limit: 100 });
    const order = page.orders[0]!;
    const raw = sandbox.shop.orders.get(order.idOrigin)!;
    expect(order.reference).toBe(raw.number);
    expect(order.stateCode).toBe(raw.status);
    expect(order.currency).toBe('EUR');
    expect(order.updatedAt).toBe(`${raw.date_modified_gmt}.000Z`);
    expect(order.totals.paidTaxIncl).toBe(Number(raw.total));
    expect(order.totals.paidTaxExcl).toBeCloseTo(Number(raw.total) - Number(raw.total_tax), 6);
    expect(order.totals.shipping).toBeCloseTo(Number(raw.shipping_total) + Number(raw.shipping_tax), 6);
    expect(order.invoiceAddress).toMatchObject({ lastname: raw.billing.last_name, city: raw.billing.city, countryIso: raw.billing.country, postcode: raw.billing.postcode });
    expect(order.deliveryAddress?.countryIso).toBe(raw.shipping.country);
    expect(order.customer).toMatchObject({ email: raw.billing.email, idOrigin: raw.customer_id === 0 ? null : raw.customer_id });
    expect(order.lines).toHaveLength(raw.line_items.length);
    const line = raw.line_items[0]!;
    expect(order.lines[0]).toMatchObject({ productIdOrigin: line.product_id, quantity: line.quantity, reference: line.sku, name: line.name });
    expect(order.lines[0]!.unitPriceTaxIncl * line.quantity).toBeCloseTo(Number(line.subtotal) + Number(line.subtotal_tax), 4);
  });

  it('a garbled order is a bad response naming the field', async () => {
    const first = [...sandbox.shop.orders.values()][0]!;
    first.date_modified_gmt = 'ieri';
    const client = wooClient(sandbox, agent);
    const error = await client.pullOrdersPage({ since: null, cursor: null, limit: 100 }).catch((e: unknown) => e);
    expect(client.classify(error)).toEqual({ kind: 'bad-response', message: `order ${first.id} date_modified_gmt "ieri" that is not a UTC date` });
  });
});
