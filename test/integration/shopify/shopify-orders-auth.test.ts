import { afterEach, describe, expect, it } from 'vitest';
import type { NeutralOrder, OrdersWatermark } from '../../../src/platforms/platform-port.js';
import { order, startRig, START, target, type Rig } from './shopify-helpers.js';

let rig: Rig;
afterEach(async () => rig.close());

async function pullAll(since: OrdersWatermark | null, limit: number, between?: (page: number) => void): Promise<NeutralOrder[]> {
  const seen: NeutralOrder[] = [];
  let cursor: string | null = null;
  for (let page = 0; ; page += 1) {
    const result = await rig.platform.pullOrdersPage({ since, cursor, limit });
    seen.push(...result.orders);
    between?.(page);
    if (result.nextCursor === null) return seen;
    cursor = result.nextCursor;
  }
}

describe('Shopify orders import', () => {
  it('maps orders to the neutral shape with the derived state', async () => {
    rig = await startRig({ orders: 8 });
    const page = await rig.platform.pullOrdersPage({ since: null, cursor: null, limit: 100 });
    expect(page.orders.map((o) => [o.idOrigin, o.stateCode])).toEqual([
      [1001, 'open'], [1002, 'paid'], [1003, 'fulfilled'], [1004, 'cancelled'], [1005, 'closed'], [1006, 'paid'], [1007, 'paid'], [1008, 'closed'],
    ]);
    expect(page.nextCursor).toBeNull();
    const first = page.orders[0]!;
    expect(first).toMatchObject({
      reference: '#1001', currency: 'EUR', payment: 'shopify_payments',
      customer: { idOrigin: 5001, firstname: 'Giulia', lastname: 'Rossi', email: 'giulia.rossi@example.com' },
      deliveryAddress: { idOrigin: null, city: 'Milano', postcode: '20121', countryIso: 'IT', address1: 'Via Roma 1' },
      lines: [{ productIdOrigin: 7001, variantIdOrigin: 8001, quantity: 1, name: 'Olio extravergine 1 l', reference: 'OLIO-1L', unitPriceTaxIncl: 18.5 }],
    });
    expect(first.lines[0]!.unitPriceTaxExcl).toBeCloseTo(18.5 / 1.22, 2);
    expect(first.totals.paidTaxIncl).toBeCloseTo(18.5 + 6.9, 6);
    expect(await rig.platform.readOrder(1003)).toMatchObject({ idOrigin: 1003, stateCode: 'fulfilled' });
    expect(await rig.platform.readOrder(424242)).toBeNull();
  });

  it('pages by cursor; an order updated between pages is not lost', async () => {
    rig = await startRig({ orders: 30 });
    const seen = await pullAll(null, 10, (page) => {
      if (page !== 0) return;
      // Both an order already read and one not yet read change while the pull runs.
      rig.sandbox.clock.advance(5000);
      for (const id of [1002, 1025]) {
        const o = rig.sandbox.store.orders.get(id)!;
        o.financial = 'REFUNDED';
        rig.sandbox.store.touch(o);
      }
    });
    const ids = new Set(seen.map((o) => o.idOrigin));
    expect(ids.size).toBe(30);
    // The order read before its change comes again with the change (keyset on updated_at, never an offset).
    const again = seen.filter((o) => o.idOrigin === 1002);
    expect(again).toHaveLength(2);
    expect(seen.at(-1)!.idOrigin).toBe(1025);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]!.updatedAt >= seen[i - 1]!.updatedAt).toBe(true);
  });

  it('pages are of the size asked, 100 when none is given, never more than 250', async () => {
    rig = await startRig({ orders: 300 });
    const capped = await rig.platform.pullOrdersPage({ since: null, cursor: null, limit: 1000 });
    expect(capped.orders).toHaveLength(250);
    expect(capped.nextCursor).not.toBeNull();
    const rest = await rig.platform.pullOrdersPage({ since: null, cursor: capped.nextCursor, limit: 1000 });
    expect(rest.orders).toHaveLength(50);
    expect(rest.nextCursor).toBeNull();
    expect((await rig.platform.pullOrdersPage({ since: null, cursor: null, limit: 0 })).orders).toHaveLength(100);
  });

  it('an incremental pull from a watermark reads the boundary second again and nothing older', async () => {
    rig = await startRig({ orders: 10 });
    const all = await pullAll(null, 100);
    const mark = all[6]!;
    const since = await pullAll({ updatedAt: new Date(Date.parse(mark.updatedAt) + 400).toISOString(), idOrigin: mark.idOrigin }, 100);
    expect(since.map((o) => o.idOrigin)).toEqual([1007, 1008, 1009, 1010]);
    expect(rig.sandbox.requests.filter((r) => r.field === 'orders')).toHaveLength(2);
  });

  it('an order with more lines than the page carries is completed with further requests', async () => {
    rig = await startRig({ orders: 1 });
    const o = rig.sandbox.store.orders.get(1001)!;
    for (let n = 0; n < 45; n += 1) o.lines.push({ ...o.lines[0]!, id: 50_000 + n, name: `Extra ${n}` });
    const page = await rig.platform.pullOrdersPage({ since: null, cursor: null, limit: 10 });
    expect(page.orders[0]!.lines).toHaveLength(46);
    expect(new Set(page.orders[0]!.lines.map((l) => l.name)).size).toBe(46);
    expect(page.requests).toBe(2);
  });
});

describe('Shopify cost throttling', () => {
  it('a THROTTLED answer waits for the refill and is retried, not a failed attempt', async () => {
    rig = await startRig();
    rig.sandbox.faults.failNext('throttled', { field: 'orderClose' });
    const result = await rig.platform.push(order(1001), target('closed'), { sendEmail: false });
    expect(result.evidence).toBe('answer');
    expect(rig.sandbox.requests.filter((r) => r.field === 'orderClose').map((r) => r.throttled)).toEqual([true, false]);
    expect(rig.sandbox.mutations).toHaveLength(1);
    expect(rig.sleeps).toEqual([240]); // 12 points at 50 per second
  });

  it('waits for the bucket before sending instead of being throttled', async () => {
    rig = await startRig({ bucket: { maximum: 100, restoreRate: 50 }, orders: 60 });
    for (let id = 1001; id <= 1040; id += 8) await rig.platform.push(order(id), target('closed'), { sendEmail: false });
    // 5 orders × (orderClose 12 points): the bucket of 100 covers them; then reads drain it further.
    for (let i = 0; i < 12; i += 1) await rig.platform.readPushState(order(1001), target('closed'));
    expect(rig.sandbox.requests.filter((r) => r.throttled)).toHaveLength(0);
    expect(rig.sleeps.length).toBeGreaterThan(0);
  });

  it('concurrent pushes of one store share the bucket: those that waited together check again, none is THROTTLED', async () => {
    // The real clock on both sides (the sandbox's bucket refills in real time); only counts are asserted.
    const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
    rig = await startRig({ now: undefined, bucket: { maximum: 100, restoreRate: 200 }, orders: 40 }, 'token', { clock: realClock });
    const open = [...rig.sandbox.store.orders.values()].filter((o) => o.closedAt === null && o.cancelledAt === null).map((o) => o.id);
    expect(open.length).toBeGreaterThanOrEqual(24);
    const queue = open.slice(0, 24);
    // Four workers, as sync.concurrency_per_store delivers: 24 × 12 points against a 100-point bucket.
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await rig.platform.push(order(id), target('closed'), { sendEmail: false });
    }));
    expect(rig.sandbox.mutations.filter((m) => m.field === 'orderClose' && m.applied)).toHaveLength(24);
    expect(rig.sandbox.requests.filter((r) => r.throttled)).toHaveLength(0);
    expect(rig.sandbox.requests).toHaveLength(24);
  });

  it('a wait longer than the bound goes back to the caller as throttled with retryAfterMs', async () => {
    rig = await startRig({ bucket: { maximum: 100, restoreRate: 1 } }, 'token', { maxThrottleWaitMs: 1000 });
    rig.sandbox.faults.failNext('throttled', { field: 'orderClose' });
    const error = await rig.platform.push(order(1001), target('closed'), { sendEmail: false }).catch((e: unknown) => e);
    const errorClass = rig.platform.classify(error);
    expect(errorClass.kind).toBe('throttled');
    expect(errorClass.kind === 'throttled' && errorClass.retryAfterMs).toBeGreaterThan(1000);
    expect(rig.sandbox.mutations).toHaveLength(0);
    expect(rig.sleeps).toEqual([]);
  });

  it('an orders page that costs more than the bucket holds is made smaller', async () => {
    rig = await startRig({ bucket: { maximum: 100, restoreRate: 50 }, orders: 30 });
    const seen = await pullAll(null, 100);
    expect(new Set(seen.map((o) => o.idOrigin)).size).toBe(30);
  });
});

describe('Shopify auth', () => {
  it('client credentials: fetched when needed, refreshed before expiry, refreshed once after a 401', async () => {
    rig = await startRig({ accessToken: null, tokenTtlSeconds: 3600 }, 'client');
    await rig.platform.readPushState(order(1001), target('closed'));
    await rig.platform.readPushState(order(1001), target('closed'));
    expect(rig.sandbox.tokenRequests).toBe(1);
    rig.sandbox.clock.advance(3600_000 - 60_000);
    await rig.platform.readPushState(order(1001), target('closed'));
    expect(rig.sandbox.tokenRequests).toBe(2);
    rig.sandbox.revokeTokens();
    expect(await rig.platform.readPushState(order(1001), target('closed'))).toMatchObject({ kind: 'not-applied' });
    expect(rig.sandbox.tokenRequests).toBe(3);
    expect(rig.sandbox.requests.map((r) => r.status)).toEqual([200, 200, 200, 401, 200]);
  });

  it('a 401 with a permanent token is a credentials error, and the token is nowhere in it', async () => {
    rig = await startRig();
    rig.sandbox.faults.failNext('unauthorized');
    const error = await rig.platform.readPushState(order(1001), target('closed')).catch((e: unknown) => e);
    expect(rig.platform.classify(error)).toMatchObject({ kind: 'credentials' });
    expect(JSON.stringify({ m: (error as Error).message, h: (error as { hint?: string }).hint })).not.toContain(rig.sandbox.accessToken!);
  });

  it('a refused client secret is a credentials error without the secret', async () => {
    rig = await startRig({ accessToken: null }, 'client', {}, 'shpss_not_the_app_secret_000');
    const error = await rig.platform.check().catch((e: unknown) => e);
    expect(rig.platform.classify(error)).toMatchObject({ kind: 'credentials' });
    expect(String(error)).not.toContain('shpss_');
  });

  it('a missing scope is a permission error naming it; check lists granted and missing scopes', async () => {
    rig = await startRig({ scopes: ['read_orders', 'read_merchant_managed_fulfillment_orders'] });
    const error = await rig.platform.push(order(1001), target('closed'), { sendEmail: false }).catch((e: unknown) => e);
    expect(rig.platform.classify(error)).toMatchObject({ kind: 'permission', missing: 'write_orders' });
    const report = await rig.platform.check();
    expect(report.shop).toBe('Bottega Italiana (Shopify, EUR, Europe/Rome)');
    expect(report.items.map((i) => [i.name, i.ok])).toEqual([
      ['shop', true], ['scope read_orders', true], ['scope write_orders', false], ['scope read_fulfillments', true],
      ['scope write_fulfillments / write_merchant_managed_fulfillment_orders', false], ['scope read_all_orders (optional)', true],
    ]);
    expect(report.items.at(-1)!.detail).toContain('60 days');
  });

  it('the catalogue is fixed, with stable numbers', async () => {
    rig = await startRig();
    const catalogue = await rig.platform.pullStateCatalogue();
    expect(catalogue.map((s) => [s.code, s.platformId, s.final])).toEqual([['open', 1, false], ['paid', 2, false], ['fulfilled', 3, false], ['cancelled', 4, true], ['closed', 5, false]]);
    expect(rig.sandbox.requests).toHaveLength(0);
    expect(START).toBeGreaterThan(0);
  });
});
