import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullStates } from '../../../src/pull/states-pull.js';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

describe('daemon write routes', () => {
  let f: DaemonFixture;
  let storeId: number;
  let preparing: { id_ecommerce_order_state: number; name: string };

  beforeAll(async () => {
    f = await createDaemonFixture();
    storeId = f.t.storeId as number;
    await pullStates(f.app, { storeId });
    preparing = await f.app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'name'])
      .where('id_store', '=', storeId).where('id_platform_state', '=', 3).executeTakeFirstOrThrow();
    f.t.sandbox?.shop.setOrderState(5, 2);
    f.t.sandbox?.shop.setOrderState(6, 2);
    await seedOrders(f.app, storeId, [{ id_order: 32, id_origin: 5, id_order_state: 1 }, { id_order: 33, id_origin: 6, id_order_state: 1 }]);
  });
  afterAll(async () => { await f.cleanup(); });

  it('triggers CRUD: create (the spec columns), list, get, deactivate, delete', async () => {
    const created = await f.server.inject({
      method: 'POST', url: '/api/v1/triggers', headers: AUTH,
      payload: { event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: 4, id_state_platform: preparing.id_ecommerce_order_state, is_active: 1 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const trigger = created.json();
    expect(trigger).toMatchObject({ event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: 4, id_state_platform: preparing.id_ecommerce_order_state, is_active: true });
    const id = trigger.id_trigger as number;
    const list = (await f.server.inject({ method: 'GET', url: `/api/v1/triggers?id_store=${storeId}`, headers: AUTH })).json();
    expect(list.triggers.map((t: { id_trigger: number }) => t.id_trigger)).toContain(id);
    expect((await f.server.inject({ method: 'GET', url: `/api/v1/triggers/${id}`, headers: AUTH })).json()).toMatchObject({ id_trigger: id });
    const patched = await f.server.inject({ method: 'PATCH', url: `/api/v1/triggers/${id}`, headers: AUTH, payload: { is_active: false } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().is_active).toBe(false);
    const removed = await f.server.inject({ method: 'DELETE', url: `/api/v1/triggers/${id}`, headers: AUTH });
    expect(removed.json()).toEqual({ removed: id });
    expect((await f.server.inject({ method: 'GET', url: `/api/v1/triggers/${id}`, headers: AUTH })).statusCode).toBe(404);
  });

  it('triggers: a platform state of another store or unknown is a 422, a duplicate a 409', async () => {
    const unknown = await f.server.inject({ method: 'POST', url: '/api/v1/triggers', headers: AUTH, payload: { id_store: storeId, id_state_local: 3, id_state_platform: 999_999 } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('PLATFORM_STATE_NOT_FOUND');
    const first = await f.server.inject({ method: 'POST', url: '/api/v1/triggers', headers: AUTH, payload: { id_store: storeId, id_state_local: 3, id_state_platform: preparing.id_ecommerce_order_state } });
    expect(first.statusCode).toBe(201);
    const again = await f.server.inject({ method: 'POST', url: '/api/v1/triggers', headers: AUTH, payload: { id_store: storeId, id_state_local: 3, platform_state_id: 3 } });
    expect(again.statusCode).toBe(409);
  });

  it('PUT /api/v1/orders/{id}/status: the spec response plus the sync outcome; the platform gets the order_history', async () => {
    const res = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/32/status', headers: AUTH, payload: { id_order_state: 3 } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ message: 'Stato ordine aggiornato con successo', id_order: 32, old_state: 1, new_state: 3, changed: true });
    expect(body.sync).toMatchObject({ status: 'done', id_platform_state: 3, id_ecommerce_order_state: preparing.id_ecommerce_order_state });
    expect(f.t.sandbox?.shop.orders.get(5)?.current_state).toBe(3);
    expect(f.t.sandbox?.shop.historiesOf(5).filter((h) => h.id_order_state === 3)).toHaveLength(1);
    const order = (await f.server.inject({ method: 'GET', url: '/api/v1/orders/32', headers: AUTH })).json();
    expect(order.ecommerce_order_state).toEqual(expect.objectContaining({ id: preparing.id_ecommerce_order_state, state_name: preparing.name }));
  });

  it('PUT status: 404 for an unknown order, 422 for an unknown state, 400 for a bad body', async () => {
    const missing = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/999999/status', headers: AUTH, payload: { id_order_state: 3 } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ORDER_NOT_FOUND');
    const badState = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/32/status', headers: AUTH, payload: { id_order_state: 99 } });
    expect(badState.statusCode).toBe(422);
    expect(badState.json().error.code).toBe('INVALID_STATE');
    for (const payload of [{}, { id_order_state: '3' }, { id_order_state: true }, { id_order_state: 0 }, { id_order_state: 1.5 }, [1]]) {
      const res = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/32/status', headers: AUTH, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const badJson = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/32/status', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"id_order_state": 3' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('INVALID_JSON');
  });

  it('GET /api/v1/sync/jobs lists the job of the change; retry of a done job is a 409, of an unknown one a 404', async () => {
    const jobs = (await f.server.inject({ method: 'GET', url: '/api/v1/sync/jobs?order=32', headers: AUTH })).json().jobs;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ id_order: 32, status: 'done', id_platform_state: 3 });
    const done = await f.server.inject({ method: 'POST', url: `/api/v1/sync/jobs/${jobs[0].id_sync_job}/retry`, headers: AUTH });
    expect(done.statusCode).toBe(409);
    expect((await f.server.inject({ method: 'POST', url: '/api/v1/sync/jobs/999999/retry', headers: AUTH })).statusCode).toBe(404);
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/sync/jobs?status=bogus', headers: AUTH })).statusCode).toBe(400);
  });

  it('a failed job is retried over HTTP and delivered by the worker', async () => {
    f.t.sandbox?.faults.failNext(1, 400, { method: 'POST' });
    const res = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/33/status', headers: AUTH, payload: { id_order_state: 3 } });
    expect(res.statusCode).toBe(200);
    const job = res.json().sync;
    expect(job.status).toBe('failed');
    const retried = await f.server.inject({ method: 'POST', url: `/api/v1/sync/jobs/${job.id_sync_job}/retry`, headers: AUTH });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().requeued).toEqual([job.id_sync_job]);
    const delivered = await f.services.deliverDueJobs(f.app, {});
    expect(delivered.delivered).toBe(1);
    expect(f.t.sandbox?.shop.orders.get(6)?.current_state).toBe(3);
  });
});

describe('POST /api/v1/sync/prestashop and the init cache', () => {
  let f: DaemonFixture;
  let storeId: number;
  beforeAll(async () => {
    f = await createDaemonFixture();
    storeId = f.t.storeId as number;
  });
  afterAll(async () => { await f.cleanup(); });

  const stateName = async (platformId: number) => {
    const body = (await f.server.inject({ method: 'GET', url: '/api/v1/init', headers: AUTH })).json();
    return { name: body.ecommerce_order_states.find((s: { id_platform_state: number }) => s.id_platform_state === platformId)?.name as string | undefined, info: body.cache_info };
  };

  it('202, pulls the store in the background; the init cache shows the new catalogue', async () => {
    expect((await stateName(3)).name).toBeUndefined();
    const res = await f.server.inject({ method: 'POST', url: `/api/v1/sync/prestashop?store_id=${storeId}`, headers: AUTH });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ store_id: storeId });
    await f.statesRunner.idle();
    const first = await stateName(3);
    expect(first.name).toBeTruthy();
    // Served from the cache while nothing changes.
    expect((await stateName(3)).info).toEqual(first.info);

    // A pull by another process (cron, CLI) changes the catalogue: the cache notices the version.
    f.t.sandbox?.shop.renameState(3, f.t.sandbox.shop.defaultLanguageId(), '03 - In preparazione (rinominato)');
    await pullStates(f.app, { storeId });
    const after = await stateName(3);
    expect(after.name).toBe('03 - In preparazione (rinominato)');
    expect(after.info.version).not.toEqual(first.info.version);
  });

  it('404 for an unknown store, 400 for a bad store id', async () => {
    const res = await f.server.inject({ method: 'POST', url: '/api/v1/sync/prestashop?store_id=999', headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('STORE_NOT_FOUND');
    expect((await f.server.inject({ method: 'POST', url: '/api/v1/sync/prestashop?store_id=x', headers: AUTH })).statusCode).toBe(400);
  });
});
