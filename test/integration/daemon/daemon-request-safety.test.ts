import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging/create-logger.js';
import { AUTH, TOKEN, createDaemonFixture, type DaemonFixture } from './daemon-fixture.js';

describe('daemon: bad requests are 4xx with a hint, secrets stay out of the log', () => {
  let f: DaemonFixture;
  const lines: string[] = [];
  beforeAll(async () => {
    const destination = new Writable({ write(chunk: Buffer, _encoding, callback) { lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)); callback(); } });
    f = await createDaemonFixture({ sandbox: false, server: { logger: createLogger({ level: 'info', format: 'json', destination }) } });
  });
  afterAll(async () => { await f?.cleanup(); });

  it('a text/plain body is 415 with a hint, not a validation error', async () => {
    const res = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/32/status', headers: { ...AUTH, 'content-type': 'text/plain' }, payload: '{"id_order_state": 3}' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', hint: expect.stringMatching(/application\/json/) });
  });

  it('a wrong method on a known path is 405 with Allow; an unknown path stays 404', async () => {
    const del = await f.server.inject({ method: 'DELETE', url: '/api/v1/orders/32', headers: AUTH });
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD');
    expect(del.json().error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', hint: expect.any(String) });
    const put = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/bulk-status', headers: AUTH, payload: {} });
    expect(put.statusCode).toBe(405);
    // GET reaches /api/v1/orders/:id there too.
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    const trigger = await f.server.inject({ method: 'PUT', url: '/api/v1/triggers/5', headers: AUTH, payload: {} });
    expect(trigger.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/nothing', headers: AUTH })).statusCode).toBe(404);
  });

  it('every VALIDATION_FAILED carries a hint', async () => {
    const cases = [
      { method: 'GET' as const, url: '/api/v1/orders?limit=101' },
      { method: 'PUT' as const, url: '/api/v1/orders/32/status', payload: { id_order_state: 'x' } },
      { method: 'POST' as const, url: '/api/v1/orders/bulk-status', payload: { orders: [] } },
      { method: 'POST' as const, url: '/api/v1/triggers', payload: { id_store: true } },
    ];
    for (const request of cases) {
      const res = await f.server.inject({ ...request, headers: AUTH });
      expect(res.statusCode, request.url).toBe(400);
      expect(res.json().error, request.url).toMatchObject({ code: 'VALIDATION_FAILED', hint: expect.stringMatching(/openapi\.json/) });
    }
  });

  it('a token in the query string is never accepted, the 401 hint says so, and the log shows it redacted', async () => {
    lines.length = 0;
    const res = await f.server.inject({ method: 'GET', url: `/api/v1/orders?token=${TOKEN}&limit=5&ws_key=WSKEY123&api_key=K9`, headers: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.hint).toMatch(/query string .* never accepted/);
    const ok = await f.server.inject({ method: 'GET', url: '/api/v1/orders?limit=5&secret=S3CR3T&password=PW0RD', headers: AUTH });
    expect(ok.statusCode).toBe(200);
    const log = lines.join('\n');
    expect(log).toContain('incoming request');
    expect(log).not.toContain(TOKEN);
    for (const secret of ['WSKEY123', 'K9', 'S3CR3T', 'PW0RD']) expect(log).not.toContain(secret);
    const urls = lines.map((line) => JSON.parse(line) as { req?: { url: string } }).filter((r) => r.req).map((r) => r.req!.url);
    expect(urls).toEqual([
      '/api/v1/orders?token=[redacted]&limit=5&ws_key=[redacted]&api_key=[redacted]',
      '/api/v1/orders?limit=5&secret=[redacted]&password=[redacted]',
    ]);
  });
});
