import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullStates } from '../../../src/pull/states-pull.js';
import { signBody } from '../../../src/webhooks/webhook-signature.js';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from '../daemon/daemon-fixture.js';

describe('admin dashboard routes', () => {
  let f: DaemonFixture;
  let storeId: number;
  let assets: string;
  const stateId = async (platformId: number) => (await f.app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state')
    .where('id_store', '=', storeId).where('id_platform_state', '=', platformId).executeTakeFirstOrThrow()).id_ecommerce_order_state;
  const get = (url: string) => f.server.inject({ method: 'GET', url, headers: AUTH });
  const post = (url: string, payload?: object) => f.server.inject({ method: 'POST', url, headers: AUTH, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    assets = await mkdtemp(path.join(tmpdir(), 'ecom-sync-admin-assets-'));
    await writeFile(path.join(assets, 'index.html'), '<!doctype html><script type="module" src="app.js"></script>');
    await writeFile(path.join(assets, 'app.js'), 'console.log(1)');
    f = await createDaemonFixture({ server: { adminAssetsDir: assets } });
    storeId = f.t.storeId as number;
    await pullStates(f.app, { storeId });
    for (const [origin, state] of [[5, 2], [6, 2], [7, 2]] as const) f.t.sandbox?.shop.setOrderState(origin, state);
    await seedOrders(f.app, storeId, [
      { id_order: 32, id_origin: 5, id_order_state: 1, reference: 'XKBKNABJK' },
      { id_order: 33, id_origin: 6, id_order_state: 1, reference: 'OHSATSERP' },
      { id_order: 34, id_origin: 7, id_order_state: 1, reference: 'WHYQGNRPL' },
    ]);
    // Local 3 ("Preparazione in corso") pushes platform 3, local 4 pushes platform 4.
    for (const [local, platform] of [[3, 3], [4, 4]] as const) {
      const res = await post('/api/v1/triggers', { id_store: storeId, id_state_local: local, platform_state_id: platform });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await f.cleanup();
    await rm(assets, { recursive: true, force: true });
  });

  it('serves /admin/ without a token, with a CSP that allows no inline script and no framing', async () => {
    const page = await f.server.inject({ method: 'GET', url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await f.server.inject({ method: 'GET', url: '/admin/app.js' });
    expect(script.headers['content-type']).toContain('text/javascript');
    expect((await f.server.inject({ method: 'GET', url: '/admin' })).headers.location).toBe('/admin/');
    for (const url of ['/admin/../package.json', '/admin/%2e%2e/package.json', '/admin/.env', '/admin/missing.js', '/admin/index.ts']) {
      const res = await f.server.inject({ method: 'GET', url });
      // 404, or 401 where the URL normalizes to a path outside /admin/: never the file.
      expect([401, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('"name"');
    }
    // The API behind it still needs the token.
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/admin/overview' })).statusCode).toBe(401);
  });

  it('an unbuilt dashboard answers 404 ADMIN_NOT_BUILT with the fix', async () => {
    const bare = await createDaemonFixture({ sandbox: false, server: { adminAssetsDir: null } });
    try {
      const res = await bare.server.inject({ method: 'GET', url: '/admin/' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'ADMIN_NOT_BUILT', hint: expect.stringContaining('npm run build') });
    } finally {
      await bare.cleanup();
    }
  });

  it('overview: the store with platform, credentials and last pulls; queue counts with the oldest pending age; drift', async () => {
    await f.app.db.insertInto('sync_jobs').values({
      id_order: 33, id_store: storeId, event_type: 'order_status_changed', id_state_local: 3, id_ecommerce_order_state: await stateId(3), id_platform_state: 3,
      id_origin: 6, status: 'pending', next_attempt_at: f.app.clock.now() + 3_600_000, created_at: f.app.clock.now() - 90_000, updated_at: f.app.clock.now(),
    }).execute();
    const res = await get('/api/v1/admin/overview');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.stores).toEqual([expect.objectContaining({ id_store: storeId, platform: 'PrestaShop', credentials: 'configured', states_pulled_at: expect.any(String) })]);
    expect(body.queue).toMatchObject({ pending: 1, running: 0, failed: 0 });
    expect(body.queue.oldest_pending_age_s).toBeGreaterThanOrEqual(90);
    expect(body.drift).toBe(0);
    expect(body).toHaveProperty('loops');
    await f.app.db.deleteFrom('sync_jobs').execute();
  });

  it('trigger preview: the exact order_histories call on the newest order; an unknown state is the CLI 422', async () => {
    const res = await post('/api/v1/admin/triggers/preview', { id_store: storeId, platform_state_id: 4, send_email: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ method: 'POST', url: expect.stringMatching(/\/api\/order_histories\?sendemail=1$/), send_email: true, example_order: { id_order: 34, id_origin: 7 } });
    expect(res.json().body).toContain('<id_order>7</id_order>');
    expect(res.json().body).toContain('<id_order_state>4</id_order_state>');
    const bad = await post('/api/v1/admin/triggers/preview', { id_store: storeId, platform_state_id: 9999 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('PLATFORM_STATE_NOT_FOUND');
  });

  it('trigger edit: another platform state and the e-mail switch; nothing to change is a 400', async () => {
    const trigger = (await get(`/api/v1/triggers?id_store=${storeId}`)).json().triggers.find((t: { id_state_local: number }) => t.id_state_local === 4);
    const res = await f.server.inject({ method: 'PATCH', url: `/api/v1/admin/triggers/${trigger.id_trigger}`, headers: AUTH, payload: { platform_state_id: 5, send_email: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ platform_state_id: 5, send_email: false });
    const back = await f.server.inject({ method: 'PATCH', url: `/api/v1/admin/triggers/${trigger.id_trigger}`, headers: AUTH, payload: { platform_state_id: 4, send_email: null } });
    expect(back.json()).toMatchObject({ platform_state_id: 4, send_email: null });
    expect((await f.server.inject({ method: 'PATCH', url: `/api/v1/admin/triggers/${trigger.id_trigger}`, headers: AUTH, payload: {} })).statusCode).toBe(400);
    const bad = await f.server.inject({ method: 'PATCH', url: `/api/v1/admin/triggers/${trigger.id_trigger}`, headers: AUTH, payload: { platform_state_id: 9999 } });
    expect(bad.statusCode).toBe(422);
  });

  it('orders: search by reference prefix or id, the detail with history and pushes, a dry run that changes nothing', async () => {
    expect((await get('/api/v1/admin/orders?q=xkb')).json().orders.map((o: { id_order: number }) => o.id_order)).toEqual([32]);
    expect((await get('/api/v1/admin/orders?q=33')).json().orders.map((o: { id_order: number }) => o.id_order)).toEqual([33]);
    expect((await get('/api/v1/admin/orders?q=%25')).json().orders).toHaveLength(3);
    const before = f.t.sandbox?.shop.historiesOf(5).length;
    const preview = await post('/api/v1/admin/orders/32/status-preview', { id_order_state: 3 });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dry_run: true, changed: true, platform_call: { method: 'POST' } });
    expect(f.t.sandbox?.shop.historiesOf(5)).toHaveLength(before as number);
    const detail = (await get('/api/v1/admin/orders/32')).json();
    expect(detail).toMatchObject({ id_order: 32, id_order_state: 1 });
    expect(detail.sync_jobs).toEqual([]);
    expect((await get('/api/v1/admin/orders/999999')).statusCode).toBe(404);
  });

  it('queue: filters, a failed push retried by "retry all failed", cancel of a pending job and 409 for a done one', async () => {
    f.t.sandbox?.faults.failNext(1, 400);
    const change = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/32/status', headers: AUTH, payload: { id_order_state: 3 } });
    expect(change.json().sync.status).toBe('failed');
    const failed = (await get(`/api/v1/admin/jobs?status=failed&store=${storeId}`)).json().jobs;
    expect(failed).toEqual([expect.objectContaining({ id_order: 32, reference: 'XKBKNABJK', status: 'failed', local_state_name: expect.any(String), last_http_status: 400 })]);
    expect((await get('/api/v1/admin/jobs?order=33')).json().jobs).toEqual([]);
    const retried = await post('/api/v1/admin/jobs/retry-failed');
    expect(retried.json()).toEqual({ requeued: [failed[0].id_sync_job] });
    await f.services.deliverDueJobs(f.app, {});
    expect((await get(`/api/v1/admin/jobs?ids=${failed[0].id_sync_job}`)).json().jobs[0].status).toBe('done');
    expect(f.t.sandbox?.shop.historiesOf(5).filter((h) => h.id_order_state === 3)).toHaveLength(1);
    expect((await post(`/api/v1/admin/jobs/${failed[0].id_sync_job}/cancel`)).statusCode).toBe(409);
    expect((await get('/api/v1/admin/jobs?ids=1,x')).statusCode).toBe(400);

    const id = Number((await f.app.db.insertInto('sync_jobs').values({
      id_order: 33, id_store: storeId, event_type: 'order_status_changed', id_state_local: 3, id_ecommerce_order_state: await stateId(3), id_platform_state: 3,
      id_origin: 6, status: 'pending', next_attempt_at: f.app.clock.now() + 3_600_000, created_at: f.app.clock.now(), updated_at: f.app.clock.now(),
    }).executeTakeFirst()).insertId);
    const cancelled = await post(`/api/v1/admin/jobs/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await get(`/api/v1/admin/jobs?ids=${id}`)).json().jobs[0].status).toBe('cancelled');
    expect((await post('/api/v1/admin/jobs/999999/cancel')).statusCode).toBe(404);
  });

  it('drift: an order whose platform state is not what its local state maps to; push local and accept platform', async () => {
    // Order 33: local 3 maps to platform 3, but the platform shows 4 (local 4 maps to it); order 34: local 4, platform 3.
    await f.app.db.updateTable('orders').set({ id_order_state: 3, id_ecommerce_state: await stateId(4) }).where('id_order', '=', 33).execute();
    await f.app.db.updateTable('orders').set({ id_order_state: 4, id_ecommerce_state: await stateId(3) }).where('id_order', '=', 34).execute();
    const drift = (await get('/api/v1/admin/drift')).json().orders;
    expect(drift.map((o: { id_order: number }) => o.id_order)).toEqual([34, 33]);
    expect(drift[1]).toMatchObject({ platform_state: { id_platform_state: 4 }, expected_state: { id_platform_state: 3 }, accept_state: { id_order_state: 4 } });
    expect((await get('/api/v1/admin/overview')).json().drift).toBe(2);

    const pushed = await post('/api/v1/admin/drift/34/push-local');
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(pushed.json()).toMatchObject({ id_order: 34, status: 'pending' });
    // A push on its way: no longer drift.
    expect((await get('/api/v1/admin/drift')).json().orders.map((o: { id_order: number }) => o.id_order)).toEqual([33]);

    const accepted = await post('/api/v1/admin/drift/33/accept-platform');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ new_state: 4, changed: true, sync: null });
    expect((await f.app.db.selectFrom('orders').select('id_order_state').where('id_order', '=', 33).executeTakeFirstOrThrow()).id_order_state).toBe(4);
    expect((await get('/api/v1/admin/drift')).json().orders).toEqual([]);
    expect((await post('/api/v1/admin/drift/33/accept-platform')).json().error.code).toBe('ORDER_NOT_IN_DRIFT');
  });

  it("overview: each store's last webhook and its inbox, the time /health reports; PrestaShop sends none", async () => {
    const secret = 'woo-admin-overview-secret';
    await f.app.db.insertInto('stores').values({ id_platform: 3, name: 'negozio-woo', base_url: 'https://woo.example', api_key: 'ck_0123456789', webhook_secret: secret, is_active: 0 }).execute();
    const woo = (await f.app.db.selectFrom('stores').select('id_store').where('name', '=', 'negozio-woo').executeTakeFirstOrThrow()).id_store;
    const before = (await get('/api/v1/admin/overview')).json().stores;
    expect(before.find((s: { id_store: number }) => s.id_store === woo)).toMatchObject({ webhooks: true, last_webhook_at: null, webhooks_pending: 0, webhooks_failed: 0 });
    const body = '{"id": 7, "date_modified_gmt": "2026-12-01T10:00:00"}';
    const delivery = await f.server.inject({
      method: 'POST', url: `/webhooks/woocommerce/${woo}`, payload: body,
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-delivery-id': '77', 'x-wc-webhook-signature': signBody(secret, body) },
    });
    expect(delivery.statusCode, delivery.body).toBe(200);
    const stores = (await get('/api/v1/admin/overview')).json().stores;
    const health = (await f.server.inject({ method: 'GET', url: '/health' })).json();
    const received = health.webhooks.find((w: { id_store: number }) => w.id_store === woo).last_received_at;
    expect(received).toEqual(expect.stringMatching(/\+00:00$/));
    expect(stores.find((s: { id_store: number }) => s.id_store === woo)).toMatchObject({ webhooks: true, last_webhook_at: received, webhooks_pending: 1, webhooks_failed: 0 });
    expect(stores.find((s: { id_store: number }) => s.id_store === storeId)).toMatchObject({ webhooks: false, last_webhook_at: null });
  });

  it('every admin route is in /openapi.json', async () => {
    const doc = (await get('/openapi.json')).json();
    for (const p of ['/api/v1/admin/overview', '/api/v1/admin/jobs', '/api/v1/admin/jobs/{id}/cancel', '/api/v1/admin/drift/{id}/push-local', '/api/v1/admin/orders/{id}/status-preview', '/api/v1/admin/triggers/preview']) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
  });
});
