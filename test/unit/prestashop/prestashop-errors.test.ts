import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { errorFromNetwork, errorFromResponse, httpStatusLine, parseRetryAfterMs, type RequestContext } from '../../../src/platforms/prestashop/prestashop-errors.js';
import { readSample } from './samples-dir.js';

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';
const post: RequestContext = { storeId: 1, storeName: 'Negozio IT', method: 'POST', path: '/api/order_histories', write: true, apiKey: KEY };
const get: RequestContext = { ...post, method: 'GET', path: '/api/orders', write: false };
const authXml = `<?xml version="1.0" encoding="UTF-8"?><prestashop><errors><error><code><![CDATA[20]]></code><message><![CDATA[No permission for this authentication key: ${KEY}]]></message></error></errors></prestashop>`;

describe('errorFromResponse', () => {
  it('401: PLATFORM_UNAUTHORIZED naming the store and the status, with a hint, never the key', () => {
    const error = errorFromResponse(post, 401, authXml, {});
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.code).toBe('PLATFORM_UNAUTHORIZED');
    expect(error.message).toContain('store Negozio IT (#1): the platform refused the API key — HTTP 401 Unauthorized');
    expect(error.message).toContain('PrestaShop error 20');
    expect(error.message).not.toContain(KEY);
    expect(error.hint).toContain('ecom-sync stores update 1 --api-key-env');
    expect(error.retryable).toBe(false);
    expect(error.outcomeUnknown).toBe(false);
    expect(error.status).toBe(401);
    expect(JSON.stringify(error.details)).not.toContain(KEY);
  });

  it('403 is also a refused key', () => {
    const error = errorFromResponse(get, 403, '', {});
    expect(error.code).toBe('PLATFORM_UNAUTHORIZED');
    expect(error.message).toContain('HTTP 403 Forbidden');
  });

  it('500 after a write: retryable and outcome unknown; after a read: retryable only', () => {
    const write = errorFromResponse(post, 500, '<prestashop><errors><error><code>46</code><message>Unable to save resource</message></error></errors></prestashop>', {});
    expect(write).toMatchObject({ code: 'PLATFORM_SERVER_ERROR', retryable: true, outcomeUnknown: true, status: 500 });
    expect(write.message).toContain('HTTP 500 Internal Server Error (PrestaShop error 46: Unable to save resource)');
    const read = errorFromResponse(get, 503, '', {});
    expect(read).toMatchObject({ retryable: true, outcomeUnknown: false });
  });

  it('500 with a PHP fatal page (not XML) keeps the status and quotes a short excerpt', () => {
    const body = `<br />\n<b>Fatal error</b>: Uncaught TypeError: Argument 1 passed to OrderHistory::changeIdOrderState() must be an instance of Order ${'x'.repeat(500)}`;
    const error = errorFromResponse(post, 500, body, {});
    expect(error.code).toBe('PLATFORM_SERVER_ERROR');
    expect(error.message).toContain('HTTP 500 Internal Server Error (Fatal error : Uncaught TypeError');
    expect(error.message.length).toBeLessThan(400);
  });

  it('429: retryable with the Retry-After wait, outcome known (nothing applied)', () => {
    const error = errorFromResponse(post, 429, '', { 'retry-after': '7' });
    expect(error).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryable: true, outcomeUnknown: false, retryAfterMs: 7000 });
    expect(error.message).toContain('HTTP 429 Too Many Requests');
  });

  it('other 4xx: rejected, never retried, with the PrestaShop code and message', () => {
    const error = errorFromResponse(get, 404, readSample('error-87-not-found.xml'), {});
    expect(error).toMatchObject({ code: 'PLATFORM_REJECTED', retryable: false, outcomeUnknown: false, status: 404 });
    expect(error.message).toContain('HTTP 404 Not Found (PrestaShop error 87: Id(s) not exists: 99)');
    const json = errorFromResponse(get, 405, readSample('error-json-405.json'), {});
    expect(json.message).toContain('HTTP 405 Method Not Allowed (PrestaShop error 23: Method PATCH is not valid)');
    const validation = errorFromResponse(post, 400, '<prestashop><errors><error><code><![CDATA[85]]></code><message><![CDATA[Validation error: "id_order_state"]]></message></error></errors></prestashop>', {});
    expect(validation.message).toContain('PrestaShop error 85');
    expect(validation.retryable).toBe(false);
  });
});

describe('errorFromNetwork', () => {
  it('a timeout of a write is retryable with an unknown outcome', () => {
    const error = errorFromNetwork(post, new DOMException('signal timed out', 'TimeoutError'), 'timeout', 30_000);
    expect(error).toMatchObject({ code: 'PLATFORM_TIMEOUT', retryable: true, outcomeUnknown: true });
  });

  it('a dropped connection of a write is retryable with an unknown outcome', () => {
    const socketError = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(errorFromNetwork(post, socketError, 'network', 30_000)).toMatchObject({ code: 'PLATFORM_UNREACHABLE', retryable: true, outcomeUnknown: true });
  });

  it('a refused connection never carried the write: outcome known', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(errorFromNetwork(post, refused, 'network', 30_000)).toMatchObject({ retryable: true, outcomeUnknown: false });
  });

  it("the caller's abort is not retried", () => {
    expect(errorFromNetwork(post, new Error('aborted'), 'aborted', 30_000)).toMatchObject({ code: 'PLATFORM_ABORTED', retryable: false, outcomeUnknown: true });
  });
});

describe('helpers', () => {
  it('formats status lines like the spec log', () => {
    expect(httpStatusLine(401)).toBe('HTTP 401 Unauthorized');
    expect(httpStatusLine(599)).toBe('HTTP 599');
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
