import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordedAnswer } from '../../helpers/real-recordings.js';
import { PlatformError } from '../../../src/errors.js';
import { createHttpAgent } from '../../../src/platforms/http-agent.js';
import { createPrestaShopPlatform } from '../../../src/platforms/prestashop/index.js';
import { readSample } from './samples-dir.js';
import { startScriptedServer } from './scripted-server.js';

const KEY = 'ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ';
const fastRetry = { attempts: 3, minTimeoutMs: 5, factor: 2, maxTimeoutMs: 20 };

let server: Awaited<ReturnType<typeof startScriptedServer>>;
const agent = createHttpAgent({ connectTimeoutMs: 2000, connections: 4 });

beforeAll(async () => {
  server = await startScriptedServer();
});
afterEach(() => {
  server.seen.length = 0;
});
afterAll(async () => {
  await server.close();
  await agent.close();
});

function platform(options: { format?: 'xml' | 'json'; totalTimeoutMs?: number; baseUrl?: string } = {}) {
  return createPrestaShopPlatform(
    { baseUrl: options.baseUrl ?? `${server.url}/`, apiKey: KEY, storeId: 3, storeName: 'Shop DE' },
    { dispatcher: agent, totalTimeoutMs: options.totalTimeoutMs ?? 5000, readRetry: fastRetry, ...(options.format === undefined ? {} : { format: options.format }) },
  );
}

describe('requests on the wire', () => {
  it('pullStates: one GET, Basic auth with the key as user, brackets encoded, sorted by id', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>
<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><order_states>
<order_state><id>3</id><deleted>0</deleted><send_email>0</send_email><name><language id="1">In preparazione</language></name></order_state>
<order_state><id>1</id><deleted>1</deleted><send_email>1</send_email><name><language id="1">In attesa</language></name></order_state>
</order_states></prestashop>`);
    });
    const states = await platform().pullStates({ languageId: 1 });
    expect(states.map((s) => [s.id, s.name, s.deleted])).toEqual([
      [1, 'In attesa', true],
      [3, 'In preparazione', false],
    ]);
    expect(server.seen).toHaveLength(1);
    const [req] = server.seen;
    expect(req!.url).toBe('/api/order_states?display=full&sort=%5Bid_ASC%5D&language=1');
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`);
    expect(req!.headers['output-format']).toBeUndefined();
  });

  it('JSON format sends Output-Format: JSON and reads [{id, value}] names', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ order_states: [{ id: 2, deleted: '0', send_email: '1', paid: '1', color: '#32CD32', name: [{ id: '1', value: 'Pagamento accettato' }, { id: '2', value: 'Payment accepted' }] }] }));
    });
    const [state] = await platform({ format: 'json' }).pullStates({ languageId: 2 });
    expect(state).toEqual({ id: 2, name: 'Payment accepted', deleted: false, sendEmail: true, color: '#32CD32', shipped: false, paid: true });
    expect(server.seen[0]!.headers['output-format']).toBe('JSON');
  });

  it('pushState posts the spec XML, sendemail=1 only when asked, and returns the history id', async () => {
    server.handle((_req, res) => res.writeHead(201, { 'content-type': 'text/xml' }).end(readSample('order_histories-post-response-201.xml')));
    const client = platform({ baseUrl: `${server.url}/api` });
    expect(await client.pushState(10744, 2, { sendEmail: true })).toEqual({ historyId: 50410 });
    expect(await client.pushState(10744, 2, { sendEmail: false })).toEqual({ historyId: 50410 });
    const [withMail, withoutMail] = server.seen;
    expect(withMail!.method).toBe('POST');
    expect(withMail!.url).toBe('/api/order_histories?sendemail=1');
    expect(withMail!.headers['content-type']).toContain('application/xml');
    expect(withMail!.body).toBe(readSample('order_histories-post-request.xml'));
    expect(withoutMail!.url).toBe('/api/order_histories');
  });

  it('pushState is never repeated by the client, even on a retryable 500', async () => {
    server.handle((_req, res) => res.writeHead(500).end('<b>Fatal error</b>: Uncaught Exception'));
    const error = await platform().pushState(5, 4, { sendEmail: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'PLATFORM_SERVER_ERROR', retryable: true, outcomeUnknown: true, status: 500 });
    expect(server.seen).toHaveLength(1);
  });

  it('reads are repeated on 5xx and succeed', async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls += 1;
      if (calls < 3) return void res.writeHead(503).end();
      res.writeHead(200).end('<prestashop><orders><order><id>5</id><current_state>4</current_state></order></orders></prestashop>');
    });
    expect(await platform().readOrderState(5)).toBe(4);
    expect(server.seen).toHaveLength(3);
    expect(server.seen[0]!.url).toBe('/api/orders?display=%5Bid%2Ccurrent_state%5D&filter%5Bid%5D=%5B5%5D');
  });

  it('reads are not repeated on 4xx', async () => {
    server.handle((_req, res) => res.writeHead(400).end(readSample('error-87-not-found.xml')));
    await expect(platform().readOrderState(5)).rejects.toMatchObject({ code: 'PLATFORM_REJECTED', retryable: false });
    expect(server.seen).toHaveLength(1);
  });

  it('readOrderState gives null for an order missing on the shop (empty list, [] in JSON)', async () => {
    server.handle((_req, res) => res.writeHead(200).end('<prestashop><orders/></prestashop>'));
    expect(await platform().readOrderState(99)).toBeNull();
    server.handle((_req, res) => res.writeHead(200).end('[]'));
    expect(await platform({ format: 'json' }).readOrderState(99)).toBeNull();
  });

  it('readOrderStates chunks ids into filter[id]=[a|b|c] requests', async () => {
    server.handle((req, res) => {
      const ids = decodeURIComponent(/filter%5Bid%5D=([^&]*)/.exec(req.url)![1]!).slice(1, -1).split('|');
      res.writeHead(200).end(JSON.stringify({ orders: ids.filter((id) => id !== '7').map((id) => ({ id: Number(id), current_state: String(Number(id) * 10) })) }));
    });
    const client = createPrestaShopPlatform({ baseUrl: server.url, apiKey: KEY, storeId: 3, storeName: 'Shop DE' }, { dispatcher: agent, totalTimeoutMs: 5000, format: 'json', idsPerRequest: 2 });
    const states = await client.readOrderStates([1, 2, 3, 7, 3]);
    expect([...states.entries()]).toEqual([[1, 10], [2, 20], [3, 30]]);
    expect(server.seen.map((r) => decodeURIComponent(r.url))).toEqual(['/api/orders?display=[id,current_state]&filter[id]=[1|2]', '/api/orders?display=[id,current_state]&filter[id]=[3|7]']);
  });

  it('pullOrders asks date=1, a stable sort, offset,limit and the date_upd filter', async () => {
    server.handle((_req, res) => res.writeHead(200).end(readSample('order-single.xml').replace('<order>', '<orders><order>').replace('</order>', '</order></orders>')));
    const orders = await platform().pullOrders({ since: '2019-01-23 00:00:00', offset: 50, limit: 50 });
    expect(orders.map((o) => [o.id, o.rows.length])).toEqual([[5, 1]]);
    expect(decodeURIComponent(server.seen[0]!.url)).toBe('/api/orders?display=full&date=1&sort=[date_upd_ASC,id_ASC]&filter[date_upd]=>[2019-01-22 23:59:59]&limit=50,50');
    // Spaces as %20, never `+`.
    expect(server.seen[0]!.url).toContain('filter%5Bdate_upd%5D=%3E%5B2019-01-22%2023%3A59%3A59%5D');
  });

  it('getCustomers / getAddresses / getLanguages / getDefaultLanguageId', async () => {
    server.handle((req, res) => {
      const path = req.url.split('?')[0];
      if (path === '/api/customers') return void res.writeHead(200).end('<prestashop><customers><customer><id>1</id><firstname>Mario</firstname><lastname>Rossi</lastname><email>m@example.it</email></customer></customers></prestashop>');
      if (path === '/api/addresses') return void res.writeHead(200).end('<prestashop><addresses><address><id>4</id><id_customer>1</id_customer><firstname>Mario</firstname><lastname>Rossi</lastname><company/><address1>Via Roma 1</address1><address2/><postcode>00100</postcode><city>Roma</city><id_country>10</id_country><phone/><phone_mobile>333</phone_mobile></address></addresses></prestashop>');
      if (path === '/api/languages') return void res.writeHead(200).end('<prestashop><languages><language><id>2</id><name>English</name><iso_code>en</iso_code><active>1</active></language><language><id>1</id><name>Italiano</name><iso_code>it</iso_code><active>1</active></language></languages></prestashop>');
      res.writeHead(200).end('<prestashop><configurations><configuration><id>12</id><value>2</value><name>PS_LANG_DEFAULT</name></configuration></configurations></prestashop>');
    });
    const client = platform();
    expect(await client.getCustomers([1, 1])).toEqual([{ id: 1, firstname: 'Mario', lastname: 'Rossi', email: 'm@example.it' }]);
    expect(await client.getAddresses([4])).toEqual([{ id: 4, idCustomer: 1, firstname: 'Mario', lastname: 'Rossi', company: '', address1: 'Via Roma 1', address2: '', postcode: '00100', city: 'Roma', idCountry: 10, phone: '333' }]);
    expect((await client.getLanguages()).map((l) => l.isoCode)).toEqual(['it', 'en']);
    expect(await client.getDefaultLanguageId()).toBe(2);
    expect(await client.getCustomers([])).toEqual([]);
    expect(decodeURIComponent(server.seen.at(-1)!.url)).toBe('/api/configurations?display=full&filter[name]=[PS_LANG_DEFAULT]');
    expect(server.seen).toHaveLength(4);
  });

  it('getTimeZone reads PS_TIMEZONE from the configurations answer the real 8.2.1 shop gives (null when it does not say)', async () => {
    // The recorded answer is PS_LANG_DEFAULT's; PS_TIMEZONE comes in the same shape.
    const recorded = recordedAnswer('12g-configurations');
    server.handle((_req, res) => res.writeHead(200, { 'content-type': recorded.headers['content-type']! }).end(
      recorded.body.replace('<value><![CDATA[1]]></value>', '<value><![CDATA[Europe/Rome]]></value>').replace('PS_LANG_DEFAULT', 'PS_TIMEZONE'),
    ));
    expect(await platform().getTimeZone()).toBe('Europe/Rome');
    expect(decodeURIComponent(server.seen.at(-1)!.url)).toBe('/api/configurations?display=full&filter[name]=[PS_TIMEZONE]');
    server.handle((_req, res) => res.writeHead(200).end('<prestashop><configurations/></prestashop>'));
    expect(await platform().getTimeZone()).toBeNull();
  });

  it('getDefaultLanguageId falls back to 1 when the shop does not say', async () => {
    server.handle((_req, res) => res.writeHead(200).end('<prestashop><configurations/></prestashop>'));
    expect(await platform().getDefaultLanguageId()).toBe(1);
  });
});

describe('failures on the wire', () => {
  it('a 200 that is not XML nor JSON is a bad response', async () => {
    server.handle((_req, res) => res.writeHead(200).end('Fatal error: Allowed memory size exhausted'));
    await expect(platform().pullStates()).rejects.toMatchObject({ code: 'PLATFORM_BAD_RESPONSE' });
  });

  it('a POST that times out is retryable with an unknown outcome', async () => {
    server.handle(() => undefined);
    const error = await platform({ totalTimeoutMs: 200 }).pushState(5, 4, { sendEmail: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLATFORM_TIMEOUT', retryable: true, outcomeUnknown: true });
    expect((error as Error).message).toContain('200 ms');
  });

  it('a POST whose connection drops is retryable with an unknown outcome', async () => {
    server.handle((_req, res) => res.socket?.destroy());
    const error = await platform().pushState(5, 4, { sendEmail: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLATFORM_UNREACHABLE', retryable: true, outcomeUnknown: true });
  });

  it("a caller's abort ends the request as PLATFORM_ABORTED", async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    const pending = platform().pushState(5, 4, { sendEmail: false, signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ code: 'PLATFORM_ABORTED', retryable: false, outcomeUnknown: true });
  });

  it('a closed port: retryable, and the write was never sent', async () => {
    const error = await platform({ baseUrl: 'http://127.0.0.1:1' }).pushState(5, 4, { sendEmail: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLATFORM_UNREACHABLE', retryable: true, outcomeUnknown: false });
  });

  it('401: unauthorized, the key absent from message, hint and details', async () => {
    server.handle((_req, res) =>
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Welcome to PrestaShop Webservice"' }).end(`<prestashop><errors><error><code>20</code><message>No permission for this authentication key: ${KEY}</message></error></errors></prestashop>`),
    );
    const error = (await platform().pushState(5, 4, { sendEmail: false }).catch((e: unknown) => e)) as PlatformError;
    expect(error.code).toBe('PLATFORM_UNAUTHORIZED');
    expect(error.message).toContain('store Shop DE (#3)');
    expect(error.message).toContain('HTTP 401 Unauthorized');
    expect(`${error.message} ${error.hint} ${JSON.stringify(error.details)}`).not.toContain(KEY);
  });
});
