import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { parseXml, ws } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 60, seed: 3, now: '2026-03-01 12:00:00', frozenClock: true });
});
afterAll(async () => {
  await sandbox.close();
});

const ids = async (path: string): Promise<number[]> => {
  const res = await ws(sandbox, `${path}${path.includes('?') ? '&' : '?'}output_format=JSON`);
  expect(res.status, res.body).toBe(200);
  const body = JSON.parse(res.body) as Record<string, { id: number }[]> | [];
  return Array.isArray(body) ? [] : (Object.values(body)[0] ?? []).map((e) => e.id);
};
/** The first error's code (8.2.1 may send several entries). */
const errorCode = (body: string): string => {
  const error = (parseXml(body) as { prestashop: { errors: { error: { code: string } | { code: string }[] } } }).prestashop.errors.error;
  return String(Array.isArray(error) ? error[0]?.code : error.code);
};

describe('sandbox lists', () => {
  it('lists order_states unsorted like a real 8.2.1 shop (2..9, 11, 12, 13, 14, 1, 10) and sorted with sort=[id_ASC]', async () => {
    expect(await ids('/api/order_states')).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 1, 10]);
    expect(await ids('/api/order_states?sort=[id_ASC]')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(await ids('/api/order_states?sort=%5Bid_DESC%5D')).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('keeps the deleted state in the list and hides it with filter[deleted]=[0]', async () => {
    const all = JSON.parse((await ws(sandbox, '/api/order_states/14?output_format=JSON')).body) as { order_state: { deleted: string } };
    expect(all.order_state.deleted).toBe('1');
    expect(await ids('/api/order_states?filter[deleted]=[0]')).not.toContain(14);
    expect(await ids('/api/order_states?filter%5Bdeleted%5D=%5B0%5D')).toHaveLength(13);
  });

  it('refuses date filters and date sorts without date=1 with 500 (codes 32 and 38, then PHP warnings)', async () => {
    const filter = await ws(sandbox, '/api/orders?filter[date_upd]=>[2026-01-01 00:00:00]');
    expect(filter.status).toBe(500);
    expect(errorCode(filter.body)).toBe('32');
    const sort = await ws(sandbox, '/api/orders?sort=[date_upd_ASC,id_ASC]');
    expect(sort.status).toBe(500);
    expect(errorCode(sort.body)).toBe('38');
  });

  it('filters date_upd strictly after a time (URL-encoded) and sorts by date_upd then id', async () => {
    const since = '2026-02-20 00:00:00';
    const expected = [...sandbox.shop.orders.values()]
      .filter((o) => o.date_upd > since)
      .sort((a, b) => (a.date_upd === b.date_upd ? a.id - b.id : a.date_upd < b.date_upd ? -1 : 1))
      .map((o) => o.id);
    expect(expected.length).toBeGreaterThan(0);
    const q = `filter%5Bdate_upd%5D=${encodeURIComponent(`>[${since}]`)}&date=1&sort=%5Bdate_upd_ASC%2Cid_ASC%5D`;
    expect(await ids(`/api/orders?${q}`)).toEqual(expected);
  });

  it('sees a shop-side state change through the date_upd filter, and only after it', async () => {
    sandbox.shop.setNow('2026-03-05 09:00:00');
    const before = await ids('/api/orders?filter[date_upd]=>[2026-03-05 08:00:00]&date=1');
    expect(before).toEqual([]);
    sandbox.shop.setOrderState(7, 6);
    expect(sandbox.shop.orders.get(7)?.date_upd).toBe('2026-03-05 09:00:00');
    expect(await ids('/api/orders?filter[date_upd]=>[2026-03-05 08:00:00]&date=1')).toEqual([7]);
    // Strictly greater: an order updated exactly at the bound is not returned.
    expect(await ids('/api/orders?filter[date_upd]=>[2026-03-05 09:00:00]&date=1')).toEqual([]);
  });

  it('pages with limit=offset,count and limit=count', async () => {
    const all = await ids('/api/orders?sort=[id_ASC]');
    expect(all).toHaveLength(sandbox.shop.orders.size);
    expect(await ids('/api/orders?sort=[id_ASC]&limit=10,5')).toEqual(all.slice(10, 15));
    expect(await ids('/api/orders?sort=[id_ASC]&limit=3')).toEqual(all.slice(0, 3));
    expect(await ids(`/api/orders?sort=[id_ASC]&limit=${all.length - 2},10`)).toEqual(all.slice(-2));
  });

  it('supports the filter operators: OR, range, >, <, !, LIKE', async () => {
    expect(await ids('/api/orders?filter[id]=[5|3|9]')).toEqual([3, 5, 9]);
    expect(await ids('/api/orders?filter[id]=[4,7]')).toEqual([4, 5, 6, 7]);
    expect(await ids('/api/orders?filter[id]=%3E%5B57%5D')).toEqual([58, 59, 60]);
    expect(await ids('/api/orders?filter[id]=<[3]')).toEqual([1, 2]);
    expect(await ids('/api/order_states?filter[id]=![1]&sort=[id_ASC]')).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(await ids('/api/order_states?filter[name]=[In attesa]%&sort=[id_ASC]')).toEqual([9, 10, 12, 13]);
    expect(await ids('/api/order_states?filter[name]=%[rifornimento]%&sort=[id_ASC]')).toEqual([9, 12]);
    const state = sandbox.shop.orders.get(2)?.current_state;
    const expected = [...sandbox.shop.orders.values()].filter((o) => o.current_state === state).map((o) => o.id);
    expect(await ids(`/api/orders?filter[current_state]=[${state}]`)).toEqual(expected);
  });

  it('shows only the requested fields with display=[id,current_state]', async () => {
    const body = JSON.parse((await ws(sandbox, '/api/orders?display=[id,current_state]&filter[id]=[5]&output_format=JSON')).body) as { orders: unknown[] };
    expect(body.orders).toEqual([{ id: 5, current_state: String(sandbox.shop.orders.get(5)?.current_state) }]);
    const xml = await ws(sandbox, '/api/orders?display=%5Bid%2Ccurrent_state%5D&filter%5Bid%5D=%5B5%5D');
    const doc = parseXml(xml.body) as { prestashop: { orders: { order: Record<string, unknown> } } };
    expect(Object.keys(doc.prestashop.orders.order).sort()).toEqual(['current_state', 'id']);
  });

  it('includes order rows with display=full', async () => {
    const body = JSON.parse((await ws(sandbox, '/api/orders?display=full&filter[id]=[1]&output_format=JSON')).body) as {
      orders: { associations: { order_rows: { product_id: string }[] } }[];
    };
    const rows = body.orders[0]?.associations.order_rows ?? [];
    expect(rows.length).toBe(sandbox.shop.orders.get(1)?.rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it('reflects renamed and deleted states made on the shop side', async () => {
    sandbox.shop.renameState(5, 1, 'Consegnato al cliente');
    sandbox.shop.deleteState(12);
    const body = JSON.parse((await ws(sandbox, '/api/order_states?display=[id,name,deleted]&language=1&filter[id]=[5|12]&output_format=JSON')).body) as {
      order_states: { id: number; name: string; deleted: string }[];
    };
    expect(body.order_states).toEqual([
      { id: 5, name: 'Consegnato al cliente', deleted: '0' },
      { id: 12, name: 'In attesa di rifornimento (non pagato)', deleted: '1' },
    ]);
  });

  it('builds the same shop for the same seed', async () => {
    const twin = await startSandbox({ orders: 60, seed: 3, now: '2026-03-01 12:00:00', frozenClock: true });
    const other = await startSandbox({ orders: 60, seed: 4, now: '2026-03-01 12:00:00', frozenClock: true });
    try {
      const a = await ws(twin, '/api/orders/3?output_format=JSON');
      const b = JSON.stringify((await ws(sandbox, '/api/orders/3?output_format=JSON')).body);
      expect(JSON.stringify(a.body.replaceAll(twin.url, ''))).toBe(b.replaceAll(sandbox.url, ''));
      expect(other.shop.orders.get(3)?.reference).not.toBe(twin.shop.orders.get(3)?.reference);
    } finally {
      await twin.close();
      await other.close();
    }
  });
});
