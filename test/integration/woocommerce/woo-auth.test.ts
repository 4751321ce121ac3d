import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { caught, createAgent, wooClient } from './woo-test-kit.js';

let sandbox: WooSandbox;
let plain: WooSandbox;
const agent = createAgent();
const secret = WOO_SANDBOX_KEYS.readWrite.consumerSecret;

beforeAll(async () => {
  sandbox = await startWooSandbox({ port: 0, orders: 12, seed: 3 });
  plain = await startWooSandbox({ port: 0, orders: 5, seed: 4, permalinks: 'plain' });
});
afterAll(async () => {
  await sandbox.close();
  await plain.close();
  await agent.close();
});

function lastRequest(s: WooSandbox) {
  const entry = s.requests[s.requests.length - 1];
  if (!entry) throw new Error('no request');
  return entry;
}

function errorText(error: unknown): string {
  const e = error as PlatformError;
  return `${e.message}\n${e.hint ?? ''}\n${JSON.stringify(e.details ?? {})}`;
}

describe('WooCommerce authentication against the sandbox', () => {
  it.each([
    ['basic', 'basic'],
    ['query', 'query'],
    ['oauth', 'oauth'],
  ] as const)('auth %s reads the status catalogue and the sandbox saw %s', async (mode, seen) => {
    const catalogue = await wooClient(sandbox, agent, { settings: { auth: mode } }).pullStateCatalogue();
    expect(catalogue.map((s) => s.code)).toContain('spedito-parziale');
    const entry = lastRequest(sandbox);
    expect(entry.auth).toBe(seen);
    if (mode !== 'query') expect(entry.query).not.toContain('consumer_secret');
    if (mode === 'oauth') expect(entry.query).toContain('oauth_signature=');
  });

  it('OAuth 1.0a signs writes too (HMAC-SHA1 and HMAC-SHA256), with a fresh nonce per request', async () => {
    for (const method of ['HMAC-SHA1', 'HMAC-SHA256']) {
      const client = wooClient(sandbox, agent, { settings: { auth: 'oauth', oauth_signature_method: method } });
      const order = [...sandbox.shop.orders.values()][0]!;
      await client.push({ idOrigin: order.id, reference: '', tracking: null }, { code: 'on-hold', idPlatformState: 1, name: 'On hold' }, { sendEmail: false });
      expect(lastRequest(sandbox)).toMatchObject({ method: 'PUT', auth: 'oauth', status: 200 });
    }
  });

  it('over plain HTTP the default is OAuth 1.0a, over HTTPS HTTP Basic', async () => {
    await wooClient(sandbox, agent, { settings: {} }).pullStateCatalogue();
    expect(lastRequest(sandbox).auth).toBe('oauth');
    const { wooSettings } = await import('../../../src/platforms/woocommerce/index.js');
    expect(wooSettings({ storeId: 1, storeName: 's', baseUrl: 'https://shop.example', apiKey: 'k', apiSecret: 's', settings: {} }).auth).toBe('basic');
  });

  it('a wrong secret is a credentials error quoting WooCommerce, and no secret appears anywhere in it', async () => {
    for (const mode of ['basic', 'query', 'oauth']) {
      const wrong = 'cs_wrongwrongwrongwrongwrongwrongwrongwrong1';
      const client = wooClient(sandbox, agent, { key: { consumerKey: WOO_SANDBOX_KEYS.readWrite.consumerKey, consumerSecret: wrong }, settings: { auth: mode } });
      const error = await caught(client.pullStateCatalogue());
      expect(error).toBeInstanceOf(PlatformError);
      const cls = client.classify(error);
      expect(cls.kind).toBe('credentials');
      expect(cls.kind === 'credentials' ? cls.message : '').toMatch(mode === 'oauth' ? /Invalid signature/ : /Consumer secret is invalid/);
      expect(errorText(error)).not.toContain(wrong);
      expect(errorText(error)).not.toContain(secret);
    }
  });

  it('an unknown key is woocommerce_rest_cannot_view → credentials', async () => {
    const client = wooClient(sandbox, agent, { key: { consumerKey: 'ck_nobody', consumerSecret: 'cs_nobody' } });
    const error = await caught(client.pullStateCatalogue());
    expect(client.classify(error)).toEqual({ kind: 'credentials', message: 'Sorry, you cannot list resources.' });
    expect((error as PlatformError).code).toBe('PLATFORM_UNAUTHORIZED');
  });

  it('a network failure in query mode never shows the secret carried by the URL', async () => {
    const closed = await startWooSandbox({ port: 0, orders: 0 });
    const url = closed.url;
    await closed.close();
    const client = wooClient({ ...sandbox, url } as WooSandbox, agent, { settings: { auth: 'query' } });
    const error = await caught(client.pullStateCatalogue());
    expect(client.classify(error).kind).toBe('retryable');
    expect(errorText(error)).not.toContain(secret);
    expect(errorText(error)).not.toContain('consumer_secret=cs_');
  });

  it('"Plain" permalinks: detected from the HTML 404 of /wp-json, then ?rest_route= for every request', async () => {
    const client = wooClient(plain, agent, { settings: { auth: 'oauth' } });
    const catalogue = await client.pullStateCatalogue();
    expect(catalogue.length).toBeGreaterThan(5);
    const [probe, real] = plain.requests.slice(-2);
    expect(probe).toMatchObject({ path: '/wp-json/wc/v3/reports/orders/totals', status: 404 });
    expect(real).toMatchObject({ path: '/', route: '/wc/v3/reports/orders/totals', status: 200, auth: 'oauth' });
    const before = plain.requests.length;
    await client.pullOrdersPage({ since: null, cursor: null, limit: 100 });
    expect(plain.requests.length - before).toBe(1);
    expect(plain.requests[plain.requests.length - 1]!.route).toBe('/wc/v3/orders');
  });

  it('rest_route: plain is used from the first request when set', async () => {
    const before = plain.requests.length;
    await wooClient(plain, agent, { settings: { auth: 'basic', rest_route: 'plain' } }).pullStateCatalogue();
    expect(plain.requests.length - before).toBe(1);
  });

  it('bad settings are a configuration error naming the setting', async () => {
    expect(() => wooClient(sandbox, agent, { settings: { auth: 'digest' } })).toThrow(/settings\.auth must be basic, query or oauth/);
  });
});
