import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_KEY, startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { parseXml, ws } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 10 });
});
afterAll(async () => {
  await sandbox.close();
});

/** The first error's code (8.2.1 may send several entries). */
const errorCode = (body: string): string => {
  const error = (parseXml(body) as { prestashop: { errors: { error: { code: string } | { code: string }[] } } }).prestashop.errors.error;
  return String(Array.isArray(error) ? error[0]?.code : error.code);
};

describe('sandbox authentication', () => {
  it('uses a 32-character default key', () => {
    expect(DEFAULT_SANDBOX_KEY).toHaveLength(32);
    expect(sandbox.apiKey).toBe(DEFAULT_SANDBOX_KEY);
  });

  it('challenges a request without any key with a plain-text 401 and WWW-Authenticate', async () => {
    const res = await ws(sandbox, '/api/order_states', { key: null });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."',
    );
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).not.toContain('<');
  });

  it('rejects an unknown 32-character key with codes 20 and 21', async () => {
    const res = await ws(sandbox, '/api/order_states', { key: 'X'.repeat(32) });
    expect(res.status).toBe(401);
    expect(errorCode(res.body)).toBe('20');
    expect(res.body).toContain('<code><![CDATA[21]]></code>');
  });

  it('rejects a 31-character key with code 18 and an empty key with code 17', async () => {
    expect(errorCode((await ws(sandbox, '/api/order_states', { key: sandbox.apiKey.slice(1) })).body)).toBe('18');
    const empty = await ws(sandbox, '/api/order_states?ws_key=', { key: null });
    expect(empty.status).toBe(401);
    expect(errorCode(empty.body)).toBe('17');
  });

  it('accepts the key as ?ws_key= when there is no Authorization header', async () => {
    const res = await ws(sandbox, `/api/order_states?ws_key=${sandbox.apiKey}`, { key: null });
    expect(res.status).toBe(200);
  });

  it('lets Basic win over ws_key when both are present', async () => {
    const wrongBasic = await ws(sandbox, `/api/order_states?ws_key=${sandbox.apiKey}`, { key: 'Y'.repeat(32) });
    expect(wrongBasic.status).toBe(401);
    const rightBasic = await ws(sandbox, `/api/order_states?ws_key=${'Y'.repeat(32)}`);
    expect(rightBasic.status).toBe(200);
  });

  it('sends the webservice headers on every answer', async () => {
    const res = await ws(sandbox, '/api/languages');
    expect(res.headers['psws-version']).toBe('8.2.1');
    expect(res.headers['x-powered-by']).toBe('PrestaShop Webservice');
    expect(Number(res.headers['execution-time'])).toBeGreaterThanOrEqual(0);
  });

  it('answers an unknown resource with 400 code 27 and an invalid method with 405', async () => {
    const unknown = await ws(sandbox, '/api/unicorns');
    expect(unknown.status).toBe(400);
    expect(errorCode(unknown.body)).toBe('27');
    const put = await ws(sandbox, '/api/orders/1', { method: 'PUT', body: '<prestashop/>' });
    expect(put.status).toBe(405);
    expect(errorCode(put.body)).toBe('25');
    const patch = await ws(sandbox, '/api/orders/1?output_format=JSON', { method: 'PATCH', body: '' });
    expect(patch.status).toBe(405);
    expect(JSON.parse(patch.body)).toEqual({ errors: [{ code: 23, message: 'Method PATCH is not valid' }] });
  });

  it('refuses to start with a key that is not 32 characters', async () => {
    await expect(startSandbox({ apiKey: 'short', orders: 1 })).rejects.toMatchObject({ code: 'SANDBOX_KEY_INVALID' });
  });
});
