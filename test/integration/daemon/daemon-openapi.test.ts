import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullStates } from '../../../src/pull/states-pull.js';
import { createAnswerChecker, documentedPath, type OpenApiDoc } from '../../helpers/openapi-answers.js';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

describe('/openapi.json: a valid OpenAPI 3.0 document that describes the real answers', () => {
  let f: DaemonFixture;
  let doc: OpenApiDoc;
  let checker: ReturnType<typeof createAnswerChecker>;
  let storeId: number;
  let preparingId: number;

  beforeAll(async () => {
    f = await createDaemonFixture();
    storeId = f.t.storeId as number;
    await pullStates(f.app, { storeId });
    preparingId = (await f.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state')
      .where('id_store', '=', storeId).where('id_platform_state', '=', 3).executeTakeFirstOrThrow()).id_ecommerce_order_state;
    await seedOrders(f.app, storeId, [
      { id_order: 32, reference: 'ABCD1234', id_order_state: 3, id_ecommerce_state: preparingId },
      { id_order: 33, id_order_state: 1 }, { id_order: 34, id_order_state: 1 },
    ]);
    doc = (await f.server.inject({ method: 'GET', url: '/openapi.json', headers: AUTH })).json();
    checker = createAnswerChecker(doc);
  });
  afterAll(async () => { await f.cleanup(); });

  it('passes @apidevtools/swagger-parser validation (OpenAPI 3.0.3, no `type` arrays)', async () => {
    expect(doc.openapi).toBe('3.0.3');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(JSON.stringify(doc)).not.toMatch(/"type":\[/);
    expect(JSON.stringify(doc)).not.toContain('Default Response');
    const version = (doc.paths['/api/v1/init']?.get?.responses['200']?.content?.['application/json']?.schema as { properties: { cache_info: { properties: { version: unknown } } } })
      .properties.cache_info.properties.version;
    expect(version).toMatchObject({ type: 'string', nullable: true });
  });

  it('every answer of the main routes matches the schema documented for its status', async () => {
    const checked: string[] = [];
    const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = AUTH) => {
      const res = await f.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
      const body: unknown = res.json();
      const problem = checker.check(method, url, res.statusCode, body);
      expect(problem, `${method} ${url}: ${res.body.slice(0, 500)}`).toBeNull();
      checked.push(`${method} ${documentedPath(doc, url) ?? url} ${res.statusCode}`);
      return body as Record<string, unknown>;
    };

    await call('GET', '/health', undefined, {});
    await call('GET', '/api/v1/init');
    await call('GET', '/api/v1/orders?page=1&limit=2');
    await call('GET', '/api/v1/orders/32');
    await call('GET', '/api/v1/orders/999');
    await call('GET', '/api/v1/orders?limit=0');
    await call('GET', '/api/v1/orders', undefined, {});
    const trigger = await call('POST', '/api/v1/triggers', { id_store: storeId, id_state_local: 4, id_state_platform: preparingId, send_email: null });
    await call('GET', '/api/v1/triggers');
    await call('GET', `/api/v1/triggers/${String(trigger.id_trigger)}`);
    await call('PATCH', `/api/v1/triggers/${String(trigger.id_trigger)}`, { is_active: 0 });
    await call('PUT', '/api/v1/orders/33/status', { id_order_state: 2 });
    await call('PUT', '/api/v1/orders/33/status', { id_order_state: 2 });
    await call('PUT', '/api/v1/orders/33/status', { id_order_state: 'two' });
    await call('POST', '/api/v1/orders/bulk-status', { orders: [{ id_order: 34, id_order_state: 2 }, { id_order: 999, id_order_state: 2 }] });
    await call('POST', '/api/v1/orders/bulk-status', [{ id_order: 32, id_order_state: 3 }]);
    await call('POST', '/api/v1/sync/prestashop');
    await call('GET', '/api/v1/sync/jobs?limit=5');
    await call('GET', '/api/v1/transitions');
    await call('POST', '/api/v1/transitions', { from: 1, to: 6 });
    await call('DELETE', '/api/v1/transitions?from=1&to=6');
    await call('GET', '/api/v1/admin/overview');
    await call('GET', '/api/v1/admin/jobs');
    await call('GET', '/api/v1/admin/orders?q=ABCD');
    await call('GET', '/api/v1/admin/orders/32');
    await call('POST', '/api/v1/admin/orders/32/status-preview', { id_order_state: 4 });
    await call('GET', '/api/v1/admin/drift');
    await call('POST', '/api/v1/admin/jobs/retry-failed');
    await call('POST', '/api/v1/admin/jobs/999/cancel');
    await call('POST', '/api/v1/sync/jobs/999/retry');
    await call('POST', '/api/v1/admin/drift/32/push-local');
    await call('POST', '/api/v1/admin/drift/32/accept-platform');
    await call('POST', '/api/v1/admin/triggers/preview', { id_store: storeId, platform_state_id: 3 });
    await call('DELETE', `/api/v1/triggers/${String(trigger.id_trigger)}`);
    await f.statesRunner.idle();

    // 2xx and the error answers (400, 401, 404) were all checked.
    expect(checked).toEqual(expect.arrayContaining(['GET /health 200', 'GET /api/v1/init 200', 'GET /api/v1/orders/{id} 404', 'GET /api/v1/orders 400', 'GET /api/v1/orders 401', 'POST /api/v1/triggers 201', 'POST /api/v1/sync/prestashop 202']));
    expect(checked.length).toBeGreaterThanOrEqual(34);
  });

  it('a schema that does not describe the answer is caught (the check is not vacuous)', async () => {
    const res = await f.server.inject({ method: 'GET', url: '/api/v1/orders/32', headers: AUTH });
    const wrong = { ...res.json(), id_order: 'thirty-two' };
    const schema = doc.paths['/api/v1/orders/{id}']?.get?.responses['200']?.content?.['application/json']?.schema as object;
    expect(checker.ajv.compile(schema)(wrong)).toBe(false);
    expect(checker.check('GET', '/api/v1/orders/32', 200, wrong)?.problem).toMatch(/id_order/);
  });
});
