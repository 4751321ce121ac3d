/**
 * The sandbox against the recorded answers of a real PrestaShop 8.2.1 (test/fixtures/prestashop-real-8.2.1):
 * same status, same content type, same error codes in the same order, the same headers that matter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { errorCodes, recordedAnswer, type RecordedAnswer } from '../../helpers/real-recordings.js';
import { ws, type WsAnswer, type WsCall } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 10 });
});
afterAll(async () => {
  await sandbox.close();
});

const header = (answer: WsAnswer, name: string): string | undefined => {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
};

function expectLike(answer: WsAnswer, real: RecordedAnswer): void {
  expect(answer.status).toBe(real.status);
  expect(header(answer, 'content-type')).toBe(real.headers['content-type']);
  expect(errorCodes(answer.body)).toEqual(errorCodes(real.body));
  expect(header(answer, 'set-cookie')).toMatch(/^PrestaShop-[0-9a-f]+=/);
  expect(header(answer, 'psws-version')).toBe(real.headers['psws-version']);
  expect(header(answer, 'connection') === 'close').toBe(real.headers.connection === 'close');
}

const history = (order: number, state: number) =>
  `<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><order_history><id_order>${order}</id_order><id_order_state>${state}</id_order_state></order_history></prestashop>`;

const cases: Array<[string, string, string, WsCall?]> = [
  ['wrong 32-character key: 401 with codes 20 and 21', '05b-401-wrong-key', '/api/order_states', { key: 'X'.repeat(32) }],
  ['wrong key, JSON', '05e-401-wrong-key-json', '/api/order_states', { key: 'X'.repeat(32), headers: { 'output-format': 'JSON' } }],
  ['short key: 401 code 18', '11b-401-short-key', '/api/order_states', { key: 'X'.repeat(10) }],
  ['unknown resource: 400 code 27', '06b-404-unknown-resource', '/api/nonexistent'],
  ['date filter without date=1: 500 code 32 and PHP warnings', '04b-orders-date_upd-filter-no-date1', '/api/orders?filter[date_upd]=>[2026-01-01 00:00:00]'],
  ['date sort without date=1: 500 code 38 and PHP warnings', '12-sort-date-no-date1', '/api/orders?sort=[date_upd_ASC]'],
  ['limit=abc: 200 with an empty list', '12i-bad-limit', '/api/orders?limit=abc'],
  ['offset past the end: 200 with an empty list', '12j-offset-past-end', '/api/orders?limit=1000,10'],
  ['missing order: 404 with an empty body', '06-404-unknown-order', '/api/orders/9999'],
  ['JSON list', '04c-orders-json', '/api/orders?display=[id,current_state]&limit=2', { headers: { 'output-format': 'JSON' } }],
  ['POST with an unknown state: bare 500', '07-post-bad-state', '/api/order_histories', { method: 'POST', body: history(1, 999) }],
  ['POST with an unknown order: bare 500', '07b-post-bad-order', '/api/order_histories', { method: 'POST', body: history(99999, 2) }],
  ['POST malformed XML: 500, PHP warnings then 127', '07e-post-malformed-xml', '/api/order_histories', { method: 'POST', body: '<prestashop><order_history>' }],
  ['POST to a soft-deleted state: 201', '13-post-soft-deleted-state', '/api/order_histories', { method: 'POST', body: history(2, 14) }],
];

describe('the sandbox answers like a real PrestaShop 8.2.1', () => {
  for (const [title, recording, path, call] of cases) {
    it(title, async () => {
      const answer = await ws(sandbox, path, call);
      const real = recordedAnswer(recording);
      expectLike(answer, real);
      if (real.body === '') expect(answer.body).toBe('');
    });
  }

  it('answers a wrong key with the Basic challenge and PSWS-Version 0, like 8.2.1', async () => {
    const answer = await ws(sandbox, '/api/order_states', { key: 'X'.repeat(32) });
    const real = recordedAnswer('05b-401-wrong-key');
    expect(header(answer, 'www-authenticate')).toBe(real.headers['www-authenticate']);
    expect(header(answer, 'psws-version')).toBe('0');
  });

  it('names the resource a key may not use: 401 code 26, and 405 code 25 for a method', async () => {
    sandbox.setPermissions({ orders: ['GET', 'HEAD'], order_states: ['GET'] });
    try {
      const customers = await ws(sandbox, '/api/customers');
      expectLike(customers, recordedAnswer('05d-resource-not-allowed'));
      expect(customers.body).toContain('Resource of type "customers" is not allowed with this authentication key');
      const post = await ws(sandbox, '/api/orders', { method: 'POST', body: '<prestashop/>' });
      expect(post.status).toBe(405);
      expect(errorCodes(post.body)).toEqual([25]);
      expect((await ws(sandbox, '/api/orders?limit=1')).status).toBe(200);
      // The API root lists what the key may do.
      const root = await ws(sandbox, '/api/');
      expect(root.body).toContain('<orders xlink:href=');
      expect(root.body).not.toContain('<customers xlink:href=');
    } finally {
      sandbox.setPermissions(null);
    }
  });

  it('in debug mode answers a POST with an unknown state 200 with the PHP fatal error text', async () => {
    sandbox.setDebugMode(true);
    try {
      const answer = await ws(sandbox, '/api/order_histories', { method: 'POST', body: history(1, 999) });
      const real = recordedAnswer('15c-devmode-post-bad-state');
      expect(answer.status).toBe(real.status);
      expect(header(answer, 'content-type')).toBe(real.headers['content-type']);
      expect(answer.body.trim().split('\n')[0]).toBe(real.body.trim().split('\n')[0]);
    } finally {
      sandbox.setDebugMode(false);
    }
  });

  it('lists states without a sort in the real order and with sort=[id_ASC] by id', async () => {
    const ids = (body: string) => [...body.matchAll(/<order_state id="(\d+)"/g)].map((m) => Number(m[1]));
    const unsorted = ids((await ws(sandbox, '/api/order_states')).body);
    const real = [...recordedAnswer('03c-order_states-nosort').body.matchAll(/<id><!\[CDATA\[(\d+)\]\]><\/id>/g)].map((m) => Number(m[1]));
    // The recorded shop has no state 14 (the sandbox keeps a deleted one there): the rest is in the same order.
    expect(unsorted.filter((id) => id !== 14)).toEqual(real);
    expect(ids((await ws(sandbox, '/api/order_states?sort=[id_ASC]')).body)).toEqual([...unsorted].sort((a, b) => a - b));
  });

  it('serves the webservice at /webservice/dispatcher.php?url= as a shop without URL rewriting does', async () => {
    const plain = await startSandbox({ orders: 3, urlRewrite: false });
    try {
      const viaDispatcher = await ws(plain, '/webservice/dispatcher.php?url=orders&display=[id]&sort=[id_ASC]');
      expect(viaDispatcher.status).toBe(200);
      expect(viaDispatcher.body).toContain('<orders>');
      expect(header(viaDispatcher, 'psws-version')).toBe('8.2.1');
      const viaApi = await ws(plain, '/api/orders');
      expect(viaApi.status).toBe(404);
      expect(header(viaApi, 'content-type')).toMatch(/^text\/html/);
    } finally {
      await plain.close();
    }
  });

  it('lists countries with their ISO codes and the shops of a multistore install, limiting orders by id_shop', async () => {
    const multi = await startSandbox({ orders: 6, multishop: true });
    try {
      const countries = await ws(multi, '/api/countries?display=[id,iso_code]&filter[id]=[10|21]');
      expect(countries.body).toMatch(/<id><!\[CDATA\[10\]\]><\/id>\s*<iso_code><!\[CDATA\[IT\]\]>/);
      expect(countries.body).toMatch(/<id><!\[CDATA\[21\]\]><\/id>\s*<iso_code><!\[CDATA\[US\]\]>/);
      expect((await ws(multi, '/api/shops?display=[id,name]')).body).toContain('Bottega Outlet');
      const ids = (body: string) => [...body.matchAll(/<order id="(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids((await ws(multi, '/api/orders?id_shop=2')).body)).toEqual([2, 4, 6]);
      expect(ids((await ws(multi, '/api/orders?id_shop=1')).body)).toEqual([1, 3, 5]);
    } finally {
      await multi.close();
    }
  });
});
