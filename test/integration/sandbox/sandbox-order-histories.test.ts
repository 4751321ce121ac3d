import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { parseXml, SAMPLES, ws, xmlShape } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 20, seed: 11 });
});
afterAll(async () => {
  await sandbox.close();
});

const historyXml = (order: number | null, state: number | null, extra = ''): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<order_history>' +
  extra +
  (order === null ? '' : `<id_order>${order}</id_order>`) +
  (state === null ? '' : `<id_order_state><![CDATA[${state}]]></id_order_state>`) +
  '</order_history>\n</prestashop>';
const post = (body: string, query = ''): ReturnType<typeof ws> => ws(sandbox, `/api/order_histories${query}`, { method: 'POST', body });
const errorCode = (body: string): string =>
  String((parseXml(body) as { prestashop: { errors: { error: { code: string } } } }).prestashop.errors.error.code);

describe('POST /api/order_histories', () => {
  it('changes the order for real and answers 201 with the full order_history of the sample', async () => {
    const order = sandbox.shop.orders.get(3);
    if (!order) throw new Error('seed has no order 3');
    const target = order.current_state === 4 ? 5 : 4;
    sandbox.shop.setNow('2026-05-10 10:00:00');
    const res = await post(historyXml(3, target));
    expect(res.status).toBe(201);
    expect([...xmlShape(res.body)].sort()).toEqual([...xmlShape(readFileSync(join(SAMPLES, 'order_histories-post-response-201.xml'), 'utf8'))].sort());
    const doc = parseXml(res.body) as { prestashop: { order_history: Record<string, unknown> } };
    const history = doc.prestashop.order_history;
    expect(history.id_order).toMatchObject({ '#text': '3' });
    expect(history.id_employee).toMatchObject({ '#text': '0' });
    expect(history.date_add).toBe('2026-05-10 10:00:00');
    expect(order.current_state).toBe(target);
    expect(order.date_upd).toBe('2026-05-10 10:00:00');
    const read = JSON.parse((await ws(sandbox, '/api/orders?display=[id,current_state]&filter[id]=[3]&output_format=JSON')).body) as { orders: unknown[] };
    expect(read.orders).toEqual([{ id: 3, current_state: String(target) }]);
  });

  it('accepts the sample request body verbatim once the order exists', async () => {
    const sample = readFileSync(join(SAMPLES, 'order_histories-post-request.xml'), 'utf8');
    sandbox.shop.addOrder({ id: 10744, id_customer: 1, current_state: 10 });
    const res = await post(sample);
    expect(res.status).toBe(201);
    expect(sandbox.shop.orders.get(10744)?.current_state).toBe(2);
  });

  it('is not idempotent: the same state twice writes two history rows', async () => {
    const before = sandbox.shop.historiesOf(4).length;
    expect((await post(historyXml(4, 3))).status).toBe(201);
    expect((await post(historyXml(4, 3))).status).toBe(201);
    const after = sandbox.shop.historiesOf(4);
    expect(after).toHaveLength(before + 2);
    expect(after.slice(-2).map((h) => h.id_order_state)).toEqual([3, 3]);
    expect(new Set(after.map((h) => h.id)).size).toBe(after.length);
  });

  it('sends the state e-mail only with sendemail=1, not with sendmail=1 or without the flag', async () => {
    const sent = (): number => sandbox.shop.emailsSent.filter((e) => e.orderId === 6).length;
    expect(sandbox.shop.orderStates.get(4)?.send_email).toBe(true);
    await post(historyXml(6, 4));
    expect(sent()).toBe(0);
    await post(historyXml(6, 4), '?sendmail=1');
    expect(sent()).toBe(0);
    await post(historyXml(6, 4), '?sendemail=1');
    expect(sent()).toBe(1);
    const email = sandbox.shop.emailsSent.at(-1);
    expect(email).toMatchObject({ orderId: 6, stateId: 4, template: 'shipped' });
    expect(email?.to).toBe(sandbox.shop.customers.get(sandbox.shop.orders.get(6)?.id_customer ?? 0)?.email);
    // A state without send_email never e-mails, whatever the flag.
    await post(historyXml(6, 5), '?sendemail=1');
    expect(sent()).toBe(1);
  });

  it('rejects malformed XML with 500 (PHP warnings, then code 127), an id with 400 code 91, a missing field with 400 code 41', async () => {
    const rows = sandbox.shop.orderHistories.size;
    const malformed = await post('<prestashop><order_history><id_order>5</id_order>');
    expect(malformed.status).toBe(500);
    expect(malformed.body).toContain('<code><![CDATA[127]]></code>');
    const withId = await post(historyXml(5, 4, '<id>12</id>'));
    expect(withId.status).toBe(400);
    expect(errorCode(withId.body)).toBe('91');
    const noState = await post(historyXml(5, null));
    expect(noState.status).toBe(400);
    expect(errorCode(noState.body)).toBe('41');
    const noOrder = await post(historyXml(null, 4));
    expect(errorCode(noOrder.body)).toBe('41');
    const invalid = await post(historyXml(5, null, '<id_order_state>abc</id_order_state>'));
    expect(errorCode(invalid.body)).toBe('85');
    expect(sandbox.shop.orderHistories.size).toBe(rows);
  });

  it('answers an unknown order or an unknown state with a bare 500 (empty body, connection closed), writing nothing', async () => {
    const rows = sandbox.shop.orderHistories.size;
    const state5 = sandbox.shop.orders.get(5)?.current_state;
    for (const body of [historyXml(999999, 4), historyXml(5, 999)]) {
      const res = await post(body);
      expect(res.status).toBe(500);
      expect(res.body).toBe('');
      expect(res.headers.connection).toBe('close');
      expect(res.headers['psws-version']).toBeUndefined();
    }
    expect(sandbox.shop.orderHistories.size).toBe(rows);
    expect(sandbox.shop.orders.get(5)?.current_state).toBe(state5);
  });

  it('in debug mode answers them 200 with the PHP fatal error text, writing nothing', async () => {
    sandbox.setDebugMode(true);
    try {
      const rows = sandbox.shop.orderHistories.size;
      const res = await post(historyXml(5, 999));
      expect(res.status).toBe(200);
      expect(res.body).toContain('Fatal error: Uncaught PrestaShopException: Invalid new order status');
      expect(sandbox.shop.orderHistories.size).toBe(rows);
    } finally {
      sandbox.setDebugMode(false);
    }
  });

  it('accepts a soft-deleted state (deleted=1) like 8.2.1: 201 and applied', async () => {
    const res = await post(historyXml(5, 14));
    expect(res.status).toBe(201);
    expect(sandbox.shop.orders.get(5)?.current_state).toBe(14);
  });

  it('accepts the body as an xml= form field and answers JSON when asked', async () => {
    const res = await ws(sandbox, '/api/order_histories?output_format=JSON', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xml: historyXml(8, 2) }).toString(),
    });
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body) as { order_history: { id: number; id_order: string; id_order_state: string } };
    expect(body.order_history).toMatchObject({ id_order: '8', id_order_state: '2' });
    expect(typeof body.order_history.id).toBe('number');
    expect(sandbox.shop.orderHistories.get(body.order_history.id)?.id_order).toBe(8);
  });

  it('serves the written rows through GET /api/order_histories', async () => {
    const ids = sandbox.shop.historiesOf(4).map((h) => h.id);
    const res = JSON.parse((await ws(sandbox, '/api/order_histories?filter[id_order]=[4]&display=[id,id_order_state]&output_format=JSON')).body) as {
      order_histories: { id: number }[];
    };
    expect(res.order_histories.map((h) => h.id)).toEqual(ids);
    const single = await ws(sandbox, `/api/order_histories/${ids[0]}`);
    expect(single.status).toBe(200);
  });
});
