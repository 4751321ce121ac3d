/** The client's reading of answers recorded from a real PrestaShop 8.2.1 (test/fixtures/prestashop-real-8.2.1). */
import { describe, expect, it } from 'vitest';
import { errorFromResponse, looksLikeWebservice, type RequestContext } from '../../../src/platforms/prestashop/prestashop-errors.js';
import { webserviceUrl } from '../../../src/platforms/prestashop/webservice-url.js';
import { recordedAnswer } from '../../helpers/real-recordings.js';

const ctx = (method: string, path: string): RequestContext => ({ storeId: 1, storeName: 'negozio', method, path, write: method === 'POST', apiKey: 'K'.repeat(32) });

describe('real 8.2.1 answers', () => {
  it('401 code 26 is a missing permission naming the resource and what to tick, not a refused key', () => {
    const real = recordedAnswer('05d-resource-not-allowed');
    const error = errorFromResponse(ctx('GET', '/api/customers'), real.status, real.body, real.headers);
    expect(error.code).toBe('PLATFORM_PERMISSION');
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('store negozio (#1): the API key has no permission to GET customers (PrestaShop error 26: Resource of type "customers" is not allowed with this authentication key)');
    expect(error.hint).toContain('Advanced Parameters > Webservice');
    expect(error.hint).toContain('View (GET) for "customers"');
    expect(error.retryable).toBe(false);
  });

  it('405 code 25 on the POST is a missing Add (POST) permission', () => {
    const real = recordedAnswer('07c-post-not-allowed');
    const error = errorFromResponse(ctx('POST', '/api/order_histories'), real.status, real.body, real.headers);
    expect(error).toMatchObject({ code: 'PLATFORM_PERMISSION', details: expect.objectContaining({ resource: 'order_histories', method: 'POST' }) as unknown });
    expect(error.hint).toContain('Add (POST) for "order_histories"');
  });

  it('a wrong key (codes 20 + 21) is a refused key', () => {
    const real = recordedAnswer('05b-401-wrong-key');
    const error = errorFromResponse(ctx('GET', '/api/order_states'), real.status, real.body, real.headers);
    expect(error.code).toBe('PLATFORM_UNAUTHORIZED');
    expect(error.message).toContain('PrestaShop error 20');
    expect(error.message).toContain('PrestaShop error 21');
  });

  it('the bare 500 of a POST with an unknown state stays a server error whose outcome is unknown (nothing tells otherwise)', () => {
    const real = recordedAnswer('07-post-bad-state');
    expect(looksLikeWebservice(real.headers, real.body)).toBe(true);
    const error = errorFromResponse(ctx('POST', '/api/order_histories'), real.status, real.body, real.headers);
    expect(error).toMatchObject({ code: 'PLATFORM_SERVER_ERROR', status: 500, outcomeUnknown: true });
  });

  it('a web page where the webservice should be says the URL is not a PrestaShop webservice', () => {
    const page = '<!doctype html><html><head><title>Negozio - Home</title></head><body>…</body></html>';
    const error = errorFromResponse(ctx('POST', '/api/order_histories'), 404, page, { 'content-type': 'text/html; charset=utf-8' });
    expect(error.code).toBe('PLATFORM_NOT_WEBSERVICE');
    expect(error.message).toContain('this URL does not look like a PrestaShop webservice');
    expect(error.message).not.toContain('order and state');
    expect(error.hint).toContain('--no-rewrite');
    // Every recorded webservice answer is recognised as one, the debug-mode PHP fatal text included.
    for (const name of ['01-order_states-xml', '05-401-no-key', '06-404-unknown-order', '12i-bad-limit', '15c-devmode-post-bad-state', '04c-orders-json']) {
      const real = recordedAnswer(name);
      expect(looksLikeWebservice(real.headers, real.body), name).toBe(true);
    }
  });

  it('builds /api/ and dispatcher.php URLs with the shop context on every request', () => {
    expect(webserviceUrl({ baseUrl: 'https://shop.example/', shopId: 2 }, 'orders', [['display', 'full']])).toBe('https://shop.example/api/orders?display=full&id_shop=2');
    expect(webserviceUrl({ baseUrl: 'https://shop.example/api', urlRewrite: false, shopGroupId: 1 }, 'orders', [['limit', '1']]))
      .toBe('https://shop.example/webservice/dispatcher.php?url=orders&limit=1&id_group_shop=1');
  });
});
