import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullStates } from '../../../src/pull/states-pull.js';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

describe('daemon read routes: the spec shapes', () => {
  let f: DaemonFixture;
  let storeId: number;
  let preparing: { id_ecommerce_order_state: number; id_platform_state: number; name: string };

  beforeAll(async () => {
    f = await createDaemonFixture();
    storeId = f.t.storeId as number;
    await pullStates(f.app, { storeId });
    preparing = await f.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'name'])
      .where('id_store', '=', storeId).where('id_platform_state', '=', 3).executeTakeFirstOrThrow();
    await seedOrders(f.app, storeId, [
      { id_order: 32, reference: 'ABCD1234', id_order_state: 3, id_ecommerce_state: preparing.id_ecommerce_order_state, total: 150 },
      ...Array.from({ length: 24 }, (_, i) => ({ id_order: 100 + i, id_order_state: i % 2 === 0 ? 1 : 2 })),
    ]);
  });
  afterAll(async () => { await f.cleanup(); });

  it('GET /api/v1/init: every list, and ecommerce_order_states with their local id', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/init', headers: AUTH });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    for (const key of ['platforms', 'languages', 'countries', 'order_states', 'ecommerce_order_states']) expect(Array.isArray(body[key])).toBe(true);
    expect(body.platforms).toContainEqual(expect.objectContaining({ id_platform: 1, name: 'PrestaShop' }));
    expect(body.order_states).toContainEqual({ id_order_state: 3, name: 'In preparazione' });
    const state = body.ecommerce_order_states.find((s: { id_platform_state: number }) => s.id_platform_state === 3);
    expect(state).toMatchObject({ id_ecommerce_order_state: preparing.id_ecommerce_order_state, id_platform_state: 3, id_store: storeId, name: preparing.name });
    expect(body.cache_info).toMatchObject({ cached_at: expect.any(String), expires_at: expect.any(String), ttl_s: 86_400 });
    expect(Date.parse(body.cache_info.expires_at) - Date.parse(body.cache_info.cached_at)).toBe(86_400_000);
  });

  it('GET /api/v1/orders: the spec fields, total, page, limit (default 20)', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/orders?page=1', headers: AUTH });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 25, page: 1, limit: 20 });
    expect(body.orders).toHaveLength(20);
    const withState = (await f.server.inject({ method: 'GET', url: '/api/v1/orders?id_order_state=3', headers: AUTH })).json();
    expect(withState.total).toBe(1);
    expect(withState.orders[0]).toMatchObject({
      id_order: 32,
      reference: 'ABCD1234',
      id_order_state: 3,
      ecommerce_order_state: { id: preparing.id_ecommerce_order_state, state_name: preparing.name },
      total_price_with_tax: 150,
    });
    const other = body.orders.find((o: { id_order: number }) => o.id_order === 123);
    expect(other.ecommerce_order_state).toBeNull();
  });

  it('GET /api/v1/orders: paging and filters', async () => {
    const page2 = (await f.server.inject({ method: 'GET', url: '/api/v1/orders?page=2&limit=20', headers: AUTH })).json();
    expect(page2).toMatchObject({ total: 25, page: 2, limit: 20 });
    expect(page2.orders).toHaveLength(5);
    const byStore = (await f.server.inject({ method: 'GET', url: `/api/v1/orders?id_store=${storeId}&limit=100`, headers: AUTH })).json();
    expect(byStore.orders).toHaveLength(25);
    const byEcommerce = (await f.server.inject({ method: 'GET', url: `/api/v1/orders?id_ecommerce_state=${preparing.id_ecommerce_order_state}`, headers: AUTH })).json();
    expect(byEcommerce.orders.map((o: { id_order: number }) => o.id_order)).toEqual([32]);
    const pending = (await f.server.inject({ method: 'GET', url: '/api/v1/orders?id_order_state=1&limit=100', headers: AUTH })).json();
    expect(pending.total).toBe(12);
  });

  it('GET /api/v1/orders: limit above 100 and page 0 are 400s', async () => {
    for (const url of ['/api/v1/orders?limit=101', '/api/v1/orders?page=0', '/api/v1/orders?limit=abc', '/api/v1/orders?page=1&page=2']) {
      const res = await f.server.inject({ method: 'GET', url, headers: AUTH });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('GET /api/v1/orders/{id}: customer, address_delivery, order_details, ecommerce_order_state', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/orders/32', headers: AUTH });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id_order: 32,
      reference: 'ABCD1234',
      id_order_state: 3,
      ecommerce_order_state: { id: preparing.id_ecommerce_order_state, state_name: preparing.name },
      customer: { id_customer: 32, firstname: 'Mario', lastname: 'Rossi 32', email: 'mario32@example.com' },
      address_delivery: { id_address: 32, address1: 'Via Roma 32', city: 'Roma', postcode: '00100' },
    });
    expect(body.order_details).toHaveLength(2);
    expect(body.order_details[0]).toMatchObject({ product_name: 'Prodotto 1', product_qty: 1, unit_price_tax_incl: 85.4 });
  });

  it('GET /api/v1/orders/{id}: 404 with a stable error body', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/orders/999999', headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: expect.objectContaining({ code: 'ORDER_NOT_FOUND', message: 'order 999999 does not exist' }) });
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/orders/abc', headers: AUTH })).statusCode).toBe(400);
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/orders/99999999999999999999', headers: AUTH })).statusCode).toBe(400);
  });

  it('GET /health needs no token and reports the database', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: 'ok', loops: {} });
  });

  it('GET /openapi.json describes every route with its method', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/openapi.json', headers: AUTH });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual([
      'DELETE /api/v1/transitions',
      'DELETE /api/v1/triggers/{id}',
      'GET /api/v1/admin/drift',
      'GET /api/v1/admin/jobs',
      'GET /api/v1/admin/orders',
      'GET /api/v1/admin/orders/{id}',
      'GET /api/v1/admin/overview',
      'GET /api/v1/init',
      'GET /api/v1/orders',
      'GET /api/v1/orders/{id}',
      'GET /api/v1/sync/jobs',
      'GET /api/v1/transitions',
      'GET /api/v1/triggers',
      'GET /api/v1/triggers/{id}',
      'GET /health',
      'GET /openapi.json',
      'PATCH /api/v1/admin/triggers/{id}',
      'PATCH /api/v1/triggers/{id}',
      'POST /api/v1/admin/drift/{id}/accept-platform',
      'POST /api/v1/admin/drift/{id}/push-local',
      'POST /api/v1/admin/jobs/retry-failed',
      'POST /api/v1/admin/jobs/{id}/cancel',
      'POST /api/v1/admin/orders/{id}/status-preview',
      'POST /api/v1/admin/triggers/preview',
      'POST /api/v1/orders/bulk-status',
      'POST /api/v1/sync/jobs/{id}/retry',
      'POST /api/v1/sync/prestashop',
      'POST /api/v1/transitions',
      'POST /api/v1/triggers',
      'POST /webhooks/shopify/{id_store}',
      'POST /webhooks/woocommerce/{id_store}',
      'PUT /api/v1/orders/{id}/status',
    ]);
    expect(doc.paths['/api/v1/orders/{id}/status'].put.requestBody.content['application/json'].schema.required).toEqual(['id_order_state']);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/webhooks/shopify/{id_store}'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/orders'].get.security).toEqual([{ bearer: [] }]);
  });

  it('unknown routes: 404 ROUTE_NOT_FOUND (after auth)', async () => {
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/nope' })).statusCode).toBe(401);
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/nope', headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('never shows a store API key', async () => {
    for (const url of ['/api/v1/init', '/api/v1/orders', '/api/v1/orders/32', '/openapi.json', '/health', '/api/v1/triggers', '/api/v1/sync/jobs']) {
      const res = await f.server.inject({ method: 'GET', url, headers: AUTH });
      expect(res.body, url).not.toContain(f.t.sandbox?.apiKey as string);
    }
  });
});
