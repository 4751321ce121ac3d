import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/daemon/build-server.js';
import { checkDaemonSecurity } from '../../../src/daemon/start-daemon.js';
import { AUTH, TOKEN, createDaemonFixture, type DaemonFixture } from './daemon-fixture.js';

describe('daemon authentication', () => {
  let f: DaemonFixture;
  let routes: Array<{ method: string; url: string; isPublic: boolean }>;
  beforeAll(async () => {
    f = await createDaemonFixture({ sandbox: false });
    const doc = (await f.server.inject({ method: 'GET', url: '/openapi.json', headers: AUTH })).json();
    routes = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(), url: path.replace('{id}', '1'), isPublic: operation.security?.length === 0,
      })));
  });
  afterAll(async () => { await f.cleanup(); });

  it('every route but /health answers 401 without a token, with a wrong one, or with another scheme', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const bad: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef012345' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` },
      { authorization: TOKEN },
      { authorization: 'Bearer ' },
    ];
    // The public routes, documented with `security: []`: /health and the webhooks (signed, no token).
    expect(routes.filter((r) => r.isPublic).map((r) => r.url).sort()).toEqual(['/health', '/webhooks/shopify/{id_store}', '/webhooks/woocommerce/{id_store}']);
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const headers of bad) {
        const res = await f.server.inject({ method: route.method as 'GET', url: route.url, headers, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
        expect(res.statusCode, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHORIZED');
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.body).not.toContain(TOKEN);
      }
    }
    expect((await f.server.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('the right token opens the routes (case-insensitive scheme)', async () => {
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/init', headers: { authorization: `bearer ${TOKEN}` } })).statusCode).toBe(200);
    expect((await f.server.inject({ method: 'GET', url: '/api/v1/orders', headers: AUTH })).statusCode).toBe(200);
  });

  it('buildServer refuses to serve without a token unless told so', async () => {
    expect(() => buildServer(f.app, { services: f.services, token: null })).toThrow(/needs a bearer token/);
    const open = buildServer(f.app, { services: f.services, token: null, insecureNoAuth: true });
    expect((await open.inject({ method: 'GET', url: '/api/v1/orders' })).statusCode).toBe(200);
    await open.close();
  });

  it('startDaemon security rules: a token is needed, --insecure-no-auth only on loopback, short tokens refused', () => {
    expect(() => checkDaemonSecurity(null, '127.0.0.1', false)).toThrow(/needs an API token/);
    expect(() => checkDaemonSecurity(null, '0.0.0.0', true)).toThrow(/only on a loopback/);
    expect(() => checkDaemonSecurity(null, '192.168.1.10', true)).toThrow(/only on a loopback/);
    expect(() => checkDaemonSecurity('short', '127.0.0.1', false)).toThrow(/too short/);
    expect(() => checkDaemonSecurity(null, '127.0.0.1', true)).not.toThrow();
    expect(() => checkDaemonSecurity(null, '::1', true)).not.toThrow();
    expect(() => checkDaemonSecurity(TOKEN, '0.0.0.0', false)).not.toThrow();
  });
});
