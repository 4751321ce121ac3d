import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

const ROUTES = [
  ['GET', '/api/v1/init'], ['GET', '/api/v1/orders'], ['GET', '/api/v1/orders/{id}'], ['PUT', '/api/v1/orders/{id}/status'],
  ['POST', '/api/v1/orders/bulk-status'], ['POST', '/api/v1/sync/prestashop'], ['GET', '/api/v1/sync/jobs'], ['POST', '/api/v1/sync/jobs/{id}/retry'],
  ['GET', '/api/v1/triggers'], ['POST', '/api/v1/triggers'], ['GET', '/api/v1/triggers/{id}'], ['PATCH', '/api/v1/triggers/{id}'],
  ['DELETE', '/api/v1/triggers/{id}'], ['GET', '/health'], ['GET', '/openapi.json'],
  ['GET', '/api/v1/transitions'], ['POST', '/api/v1/transitions'], ['DELETE', '/api/v1/transitions'],
] as const;

const QUERY_KEYS = ['page', 'limit', 'id_order_state', 'id_store', 'id_ecommerce_state', 'store_id', 'status', 'order', 'x', '__proto__', 'constructor', 'from', 'to', 'state_type', 'both_ways'];

const weirdNumber = fc.oneof(
  fc.integer().map(String), fc.nat({ max: 40 }).map(String), fc.double().map(String), fc.bigInt().map(String),
  fc.constantFrom('0', '-1', '1e3', '0x10', ' 1', '1 ', '+1', '99999999999999999999', '2147483648', 'NaN', 'Infinity', '', '%00', '..%2F..', '1;DROP TABLE orders', '%E0%A4%A'),
  fc.string(),
);

const idSegment = fc.oneof(weirdNumber.map((s) => encodeURIComponent(s)), fc.nat({ max: 40 }).map(String), fc.constantFrom('%', '%2F', 'a/b', '..', '1.5'));

const query = fc.oneof(
  fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(weirdNumber, fc.array(weirdNumber, { maxLength: 3 })), { maxKeys: 4 }).map((entries) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(entries)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    const text = params.toString();
    return text ? `?${text}` : '';
  }),
  fc.constantFrom('', '?', '?&&=&', '?page', '?page=&limit=', '?a[b]=c', '?%', '?page=1&page=2', '?limit=1e2', '?status=pending&status=failed'),
  fc.string().map((s) => `?${s}`),
);

const value = fc.oneof(fc.integer(), fc.nat({ max: 40 }), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.constant(1e308), fc.constant(-0), fc.array(fc.nat({ max: 9 }), { maxLength: 2 }));
const body = fc.oneof(
  fc.record({ id_order_state: value }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.array(fc.record({ id_order: value, id_order_state: value }, { requiredKeys: [] }), { maxLength: 6 }).map((rows) => JSON.stringify(fc.sample(fc.boolean(), 1)[0] ? rows : { orders: rows })),
  fc.record({ id_store: value, event_type: fc.oneof(fc.string(), fc.constantFrom('order_status_changed', 'shipping_status_changed')), state_type: value, id_state_local: value, id_state_platform: value, platform_state_id: value, is_active: value, send_email: value }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom('{', '[', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}', 'null', '""', '{"orders": null}', '\u0000', '{"id_order_state": 1e400}'),
  fc.constant(undefined),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', undefined, 'application/json; charset=latin1');

describe('daemon under random input', () => {
  let f: DaemonFixture;
  beforeAll(async () => {
    f = await createDaemonFixture({ sandbox: false, config: { daemon: { bulk_max_orders: 4, body_limit_bytes: 4096 } } });
    await f.app.db.insertInto('stores').values({ id_store: 1, id_platform: 1, name: 'negozio', base_url: 'http://127.0.0.1:9', api_key: 'K'.repeat(32) }).execute();
    await seedOrders(f.app, 1, Array.from({ length: 10 }, (_, i) => ({ id_order: i + 1, rows: 1 })));
  });
  afterAll(async () => {
    await f.statesRunner.idle();
    await f.cleanup();
  });

  it('never answers 5xx and always with a stable error body', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES), fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', null), idSegment, query, body, contentType, fc.boolean(),
        async ([routeMethod, template], otherMethod, id, qs, payload, type, authorized) => {
          const method = (otherMethod ?? routeMethod) as 'GET';
          const url = template.replace('{id}', id) + qs;
          const headers: Record<string, string> = authorized ? { ...AUTH } : {};
          if (type && payload !== undefined) headers['content-type'] = type;
          const res = await f.server.inject({ method, url, headers, ...(payload === undefined || method === 'GET' ? {} : { payload }) });
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `${method} ${url} ${type} ${payload}\n${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const error = res.json().error;
            expect(typeof error.code).toBe('string');
            expect(typeof error.message).toBe('string');
          }
        },
      ),
      { numRuns: 3000 },
    );
    // The run reached past the validation layer as well as into it.
    expect(seen.get(200)).toBeGreaterThan(0);
    expect(seen.get(400)).toBeGreaterThan(0);
    expect(seen.get(401)).toBeGreaterThan(0);
    expect(seen.get(404)).toBeGreaterThan(0);
    const health = await f.server.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  }, 60_000);
});
