import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { parseXml, SAMPLES, ws, xmlShape } from './sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 30, seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});

const sample = (name: string): string => readFileSync(join(SAMPLES, name), 'utf8');

describe('sandbox shapes match the recorded samples', () => {
  it('GET /api/orders/5 has exactly the element and attribute set of order-single.xml', async () => {
    const res = await ws(sandbox, '/api/orders/5');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const expected = xmlShape(sample('order-single.xml'));
    expect(expected).toContain('prestashop/order/associations/order_rows/order_row/unit_price_tax_excl');
    expect(expected).toContain('prestashop/order/shipping_number@notFilterable');
    expect([...xmlShape(res.body)].sort()).toEqual([...expected].sort());
    expect(res.body).toContain(`<id_customer xlink:href="${sandbox.url}/api/customers/`);
    expect(res.body).toMatch(/<total_paid_tax_incl><!\[CDATA\[\d+\.\d{6}\]\]><\/total_paid_tax_incl>/);
    expect(res.body).toMatch(/<reference><!\[CDATA\[[A-Z]{9}\]\]><\/reference>/);
  });

  it('GET /api/order_states/2 matches order_state-single.xml, multilingual names included', async () => {
    const res = await ws(sandbox, '/api/order_states/2');
    expect([...xmlShape(res.body)].sort()).toEqual([...xmlShape(sample('order_state-single.xml'))].sort());
    expect(res.body).toContain(
      `<name><language id="1" xlink:href="${sandbox.url}/api/languages/1"><![CDATA[Pagamento accettato]]></language>` +
        `<language id="2" xlink:href="${sandbox.url}/api/languages/2"><![CDATA[Payment accepted]]></language></name>`,
    );
    expect(res.body).toContain('<module_name></module_name>');
  });

  it('lists order_states in the shape of order_states-list.xml', async () => {
    const res = await ws(sandbox, '/api/order_states');
    expect([...xmlShape(res.body)].sort()).toEqual([...xmlShape(sample('order_states-list.xml'))].sort());
  });

  it('answers errors in the shape of error-87-not-found.xml', async () => {
    const res = await ws(sandbox, '/api/order_states', { key: 'Z'.repeat(32) });
    expect([...xmlShape(res.body)].sort()).toEqual([...xmlShape(sample('error-87-not-found.xml'))].sort());
  });

  it('returns display=full JSON orders with the keys and value types of orders-display-full.json', async () => {
    const res = await ws(sandbox, '/api/orders?display=full&limit=2&output_format=JSON');
    const body = JSON.parse(res.body) as { orders: Record<string, unknown>[] };
    const reference = (JSON.parse(sample('orders-display-full.json')) as { orders: Record<string, unknown>[] }).orders[0] as Record<string, unknown>;
    expect(body.orders).toHaveLength(2);
    const order = body.orders[0] as Record<string, unknown>;
    for (const [key, value] of Object.entries(reference)) {
      expect(order, key).toHaveProperty(key);
      expect(typeof order[key], key).toBe(typeof value);
    }
    expect(typeof order.id).toBe('number');
    const row = (order.associations as { order_rows: Record<string, unknown>[] }).order_rows[0] as Record<string, unknown>;
    const refRow = ((reference.associations as { order_rows: Record<string, unknown>[] }).order_rows[0]) as Record<string, unknown>;
    for (const key of Object.keys(refRow)) expect(typeof row[key], key).toBe('string');
  });
});

describe('sandbox formats', () => {
  it('serves JSON for output_format=JSON and for the Io-Format / Output-Format headers, XML for lowercase json', async () => {
    expect((await ws(sandbox, '/api/languages?output_format=JSON')).headers['content-type']).toMatch(/json/);
    expect((await ws(sandbox, '/api/languages', { headers: { 'Io-Format': 'JSON' } })).headers['content-type']).toMatch(/json/);
    expect((await ws(sandbox, '/api/languages', { headers: { 'Output-Format': 'JSON' } })).headers['content-type']).toMatch(/json/);
    const lower = await ws(sandbox, '/api/languages?output_format=json');
    expect(lower.headers['content-type']).toMatch(/xml/);
    expect(lower.body.startsWith('<?xml')).toBe(true);
  });

  it('lists ids only without display, as objects with a numeric id in JSON', async () => {
    const res = await ws(sandbox, '/api/order_states?output_format=JSON');
    const body = JSON.parse(res.body) as { order_states: unknown[] };
    expect(body.order_states[0]).toEqual({ id: 2 });
  });

  it('gives one language as a plain string and several as id/value pairs', async () => {
    const one = JSON.parse((await ws(sandbox, '/api/order_states/4?output_format=JSON&language=1')).body) as { order_state: { name: unknown; id: unknown } };
    expect(one.order_state.name).toBe('05 - Spedito');
    expect(one.order_state.id).toBe(4);
    const both = JSON.parse((await ws(sandbox, '/api/order_states/4?output_format=JSON')).body) as { order_state: { name: unknown } };
    expect(both.order_state.name).toEqual([{ id: '1', value: '05 - Spedito' }, { id: '2', value: 'Shipped' }]);
    const bracket = JSON.parse((await ws(sandbox, '/api/order_states/4?output_format=JSON&language=%5B2%5D')).body) as { order_state: { name: unknown } };
    expect(bracket.order_state.name).toBe('Shipped');
  });

  it('limits XML multilingual fields with language=[1|2] and language=2', async () => {
    const en = await ws(sandbox, '/api/order_states/2?language=2');
    expect(en.body).toContain('<name><language id="2"');
    expect(en.body).not.toContain('<language id="1"');
    const both = await ws(sandbox, '/api/order_states/2?language=[1|2]');
    expect(both.body).toContain('<language id="1"');
    expect(both.body).toContain('<language id="2"');
  });

  it('writes 0000-00-00 00:00:00 for unset dates and 0/1 for booleans', async () => {
    const order = sandbox.shop.addOrder({ id_customer: 1, current_state: 10 });
    const res = await ws(sandbox, `/api/orders/${order.id}`);
    const doc = parseXml(res.body) as { prestashop: { order: Record<string, unknown> } };
    expect(doc.prestashop.order.delivery_date).toBe('0000-00-00 00:00:00');
    expect(doc.prestashop.order.valid).toBe('0');
  });

  it('answers a missing single resource with 404 and an empty body', async () => {
    const res = await ws(sandbox, '/api/orders/99999');
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
    const json = await ws(sandbox, '/api/orders/99999?output_format=JSON');
    expect(json.status).toBe(404);
    expect(json.body).toBe('');
  });

  it('answers an empty filtered list with an empty element in XML and [] in JSON', async () => {
    const xml = await ws(sandbox, '/api/orders?filter[id]=[99998|99999]');
    expect(xml.status).toBe(200);
    expect(xml.body).toMatch(/<orders>\s*<\/orders>/);
    const json = await ws(sandbox, '/api/orders?filter[id]=[99998|99999]&output_format=JSON');
    expect(json.body).toBe('[]');
  });

  it('serves customers, addresses, languages and configurations of an Italian shop', async () => {
    const languages = JSON.parse((await ws(sandbox, '/api/languages?display=full&output_format=JSON')).body) as { languages: { id: number; iso_code: string }[] };
    expect(languages.languages.map((l) => [l.id, l.iso_code])).toEqual([[1, 'it'], [2, 'en']]);
    const conf = JSON.parse((await ws(sandbox, '/api/configurations?display=[name,value]&filter[name]=[PS_LANG_DEFAULT]&output_format=JSON')).body) as { configurations: unknown[] };
    expect(conf.configurations).toEqual([{ name: 'PS_LANG_DEFAULT', value: '1' }]);
    const address = JSON.parse((await ws(sandbox, '/api/addresses/1?output_format=JSON')).body) as { address: Record<string, string> };
    expect(address.address.id_country).toBe('10');
    expect(address.address.postcode).toMatch(/^\d{5}$/);
    const customer = JSON.parse((await ws(sandbox, '/api/customers/1?output_format=JSON')).body) as { customer: Record<string, string> };
    expect(customer.customer.email).toMatch(/@/);
  });
});
