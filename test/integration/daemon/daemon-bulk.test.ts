import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

describe('POST /api/v1/orders/bulk-status', () => {
  let f: DaemonFixture;
  beforeAll(async () => {
    f = await createDaemonFixture({ sandbox: false, config: { daemon: { bulk_max_orders: 5 } } });
    await f.app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'negozio', base_url: 'http://127.0.0.1:9', api_key: 'K'.repeat(32) }).execute();
    await seedOrders(f.app, 1, [32, 33, 34, 35, 36].map((id) => ({ id_order: id, id_order_state: 1, rows: 1 })));
  });
  afterAll(async () => { await f.cleanup(); });

  it('{"orders": [...]}: the spec response', async () => {
    const res = await f.server.inject({
      method: 'POST', url: '/api/v1/orders/bulk-status', headers: AUTH,
      payload: { orders: [{ id_order: 32, id_order_state: 3 }, { id_order: 33, id_order_state: 3 }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.successful).toEqual([{ id_order: 32, old_state: 1, new_state: 3 }, { id_order: 33, old_state: 1, new_state: 3 }]);
    expect(body.failed).toEqual([]);
    expect(body.summary).toEqual({ total: 2, successful_count: 2, failed_count: 0 });
  });

  it('a bare list; unknown orders and states land in failed, not in an error', async () => {
    const res = await f.server.inject({
      method: 'POST', url: '/api/v1/orders/bulk-status', headers: AUTH,
      payload: [{ id_order: 34, id_order_state: 4 }, { id_order: 99999, id_order_state: 4 }, { id_order: 35, id_order_state: 99 }, { id_order: 34, id_order_state: 5 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.successful).toEqual([{ id_order: 34, old_state: 1, new_state: 4 }]);
    expect(body.failed.map((x: { id_order: number; error: string }) => [x.id_order, x.error]).sort()).toEqual([[34, 'DUPLICATE_ORDER'], [35, 'INVALID_STATE'], [99999, 'ORDER_NOT_FOUND']]);
    expect(body.summary).toEqual({ total: 4, successful_count: 1, failed_count: 3 });
  });

  it(`more than daemon.bulk_max_orders rows: 413 BULK_TOO_LARGE, nothing applied`, async () => {
    const rows = [32, 33, 34, 35, 36, 36].map((id) => ({ id_order: id, id_order_state: 6 }));
    for (const payload of [rows, { orders: rows }]) {
      const res = await f.server.inject({ method: 'POST', url: '/api/v1/orders/bulk-status', headers: AUTH, payload });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'BULK_TOO_LARGE', message: 'a bulk change takes at most 5 orders, got 6' });
    }
    const state = await f.app.db.selectFrom('orders').select('id_order_state').where('id_order', '=', 36).executeTakeFirstOrThrow();
    expect(state.id_order_state).toBe(1);
  });

  it('bad shapes are 400s', async () => {
    for (const payload of [{}, [], { orders: [] }, { orders: 'x' }, [{ id_order: 'x', id_order_state: 3 }], [{ id_order: 32 }], 'text', { orders: [null] }]) {
      const res = await f.server.inject({ method: 'POST', url: '/api/v1/orders/bulk-status', headers: { ...AUTH, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('a body above daemon.body_limit_bytes: 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ orders: [{ id_order: 32, id_order_state: 3 }], pad: 'x'.repeat(f.app.config.daemon.body_limit_bytes) });
    const res = await f.server.inject({ method: 'POST', url: '/api/v1/orders/bulk-status', headers: { ...AUTH, 'content-type': 'application/json' }, payload: huge });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
