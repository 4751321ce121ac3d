import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { basic, parseXml, ws } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 15, seed: 5 });
});
afterEach(() => {
  sandbox.faults.clear();
});
afterAll(async () => {
  await sandbox.close();
});

const historyXml = (order: number, state: number): string =>
  `<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><order_history><id_order>${order}</id_order><id_order_state>${state}</id_order_state></order_history></prestashop>`;
const post = (order: number, state: number): ReturnType<typeof ws> =>
  ws(sandbox, '/api/order_histories', { method: 'POST', body: historyXml(order, state) });
const errorOf = (body: string): { code: string; message: string } =>
  (parseXml(body) as { prestashop: { errors: { error: { code: string; message: string } } } }).prestashop.errors.error;

describe('sandbox faults', () => {
  it('failNext answers N matching requests with the status and Retry-After, applying nothing, then recovers', async () => {
    sandbox.faults.failNext(2, 503, { method: 'POST', path: '/api/order_histories', retryAfterSeconds: 7 });
    const rows = sandbox.shop.historiesOf(2).length;
    // A GET does not match the POST-only fault.
    expect((await ws(sandbox, '/api/orders/2')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await post(2, 3);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('7');
      expect(errorOf(res.body).code).toBe('22');
    }
    expect(sandbox.shop.historiesOf(2)).toHaveLength(rows);
    expect((await post(2, 3)).status).toBe(201);
    expect(sandbox.shop.historiesOf(2)).toHaveLength(rows + 1);
    expect(sandbox.faults.pending).toHaveLength(0);
  });

  it('failNext with 429 and a RegExp path', async () => {
    sandbox.faults.failNext(1, 429, { path: /^\/api\/orders/, retryAfterSeconds: 2 });
    expect((await ws(sandbox, '/api/order_states')).status).toBe(200);
    const res = await ws(sandbox, '/api/orders?display=[id,current_state]&filter[id]=[1]');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('2');
    expect((await ws(sandbox, '/api/orders/1')).status).toBe(200);
  });

  it('consumes faults in the order they were armed', async () => {
    sandbox.faults.failNext(1, 500);
    sandbox.faults.failNext(1, 502);
    expect((await ws(sandbox, '/api/languages')).status).toBe(500);
    expect((await ws(sandbox, '/api/languages')).status).toBe(502);
    expect((await ws(sandbox, '/api/languages')).status).toBe(200);
  });

  it('commitThen500 writes the history and changes the order, then answers 500 code 46', async () => {
    const order = sandbox.shop.orders.get(3);
    const target = order?.current_state === 6 ? 7 : 6;
    const rows = sandbox.shop.historiesOf(3).length;
    sandbox.faults.commitThen500(1, { method: 'POST' });
    const res = await post(3, target);
    expect(res.status).toBe(500);
    expect(errorOf(res.body)).toEqual({ code: '46', message: 'Unable to save resource' });
    expect(sandbox.shop.historiesOf(3)).toHaveLength(rows + 1);
    expect(sandbox.shop.orders.get(3)?.current_state).toBe(target);
  });

  it('dropConnection destroys the socket before applying anything', async () => {
    const rows = sandbox.shop.historiesOf(4).length;
    const state = sandbox.shop.orders.get(4)?.current_state;
    sandbox.faults.dropConnection(1, { path: '/api/order_histories' });
    await expect(post(4, state === 5 ? 4 : 5)).rejects.toThrow();
    expect(sandbox.shop.historiesOf(4)).toHaveLength(rows);
    expect(sandbox.shop.orders.get(4)?.current_state).toBe(state);
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/order_histories', status: 0 });
  });

  it('commitThenDrop applies the write, then destroys the socket', async () => {
    const rows = sandbox.shop.historiesOf(5).length;
    const target = sandbox.shop.orders.get(5)?.current_state === 5 ? 4 : 5;
    sandbox.faults.commitThenDrop(1, { method: 'POST' });
    await expect(post(5, target)).rejects.toThrow();
    expect(sandbox.shop.historiesOf(5)).toHaveLength(rows + 1);
    expect(sandbox.shop.orders.get(5)?.current_state).toBe(target);
  });

  it('adds latency to every following request until cleared', async () => {
    sandbox.faults.setLatency(5_000);
    expect(sandbox.faults.latencyMs).toBe(5_000);
    // The client gives up long before the sandbox answers.
    await expect(
      request(`${sandbox.url}/api/languages`, { headers: { authorization: basic(sandbox.apiKey) }, signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    sandbox.faults.clear();
    expect(sandbox.faults.latencyMs).toBe(0);
    expect((await ws(sandbox, '/api/languages')).status).toBe(200);
  });

  it('logs every request with its method, path, raw query, status and format', async () => {
    const from = sandbox.requests.length;
    await ws(sandbox, '/api/orders?filter%5Bid%5D=%5B1%5D&output_format=JSON');
    await ws(sandbox, '/api/orders/99999');
    expect(sandbox.requests.slice(from)).toMatchObject([
      { method: 'GET', path: '/api/orders', query: 'filter%5Bid%5D=%5B1%5D&output_format=JSON', status: 200, format: 'JSON' },
      { method: 'GET', path: '/api/orders/99999', query: '', status: 404, format: 'XML' },
    ]);
  });
});

describe('sandbox start-up latency option', () => {
  it('applies latencyMs from the options and closes promptly while a request waits', async () => {
    const slow = await startSandbox({ orders: 1, latencyMs: 60_000 });
    expect(slow.faults.latencyMs).toBe(60_000);
    const pending = request(`${slow.url}/api/languages`, { headers: { authorization: basic(slow.apiKey) } });
    const settled = pending.then(() => 'answered', () => 'failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slow.close();
    expect(await settled).toBe('failed');
  });
});
