import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../../src/platforms/prestashop/error-body-parser.js';
import { jsonCollection, parseJsonBody } from '../../../src/platforms/prestashop/json-mappers.js';
import { historyIdFromRecord, languageText, orderFromRecord, stateFromRecord } from '../../../src/platforms/prestashop/resource-mappers.js';
import { xmlCollection, xmlResource } from '../../../src/platforms/prestashop/xml-mappers.js';
import { createXmlParser, parsePrestashopXml } from '../../../src/platforms/prestashop/xml-parser.js';
import { readSample, sampleNames } from './samples-dir.js';

function xmlRoot(name: string) {
  const root = parsePrestashopXml(createXmlParser(), readSample(name));
  if (root === null) throw new Error(`${name} did not parse`);
  return root;
}

describe('XML samples', () => {
  it('maps order-single.xml to a PlatformOrder, its single order_row included', () => {
    const record = xmlResource(xmlRoot('order-single.xml'), 'order');
    expect(record).not.toBeNull();
    const order = orderFromRecord(record!);
    expect(order).toEqual({
      id: 5,
      reference: 'KHWLILZLL',
      currentState: 10,
      idCustomer: 1,
      idAddressDelivery: 4,
      idAddressInvoice: 4,
      idCarrier: 2,
      idLang: 1,
      payment: 'Bank wire',
      totalPaidTaxIncl: 71.51,
      totalPaidTaxExcl: 58.62,
      totalProducts: 51.53,
      totalProductsWt: 62.87,
      totalShipping: 8.64,
      dateAdd: '2019-01-30 01:02:12',
      dateUpd: '2019-01-30 01:02:13',
      rows: [
        {
          id: 13,
          productId: 1,
          productAttributeId: 1,
          quantity: 1,
          name: 'Faded Short Sleeve T-shirts - Color : Orange, Size : S',
          reference: 'demo_1',
          unitPriceTaxIncl: 16.51,
          unitPriceTaxExcl: 13.53,
        },
      ],
    });
  });

  it('maps several order_rows to a list and no association to an empty one', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><orders>
<order><id><![CDATA[7]]></id><associations><order_rows nodeType="order_row" virtualEntity="true">
<order_row><id>1</id><product_id>3</product_id><product_quantity>2</product_quantity></order_row>
<order_row><id>2</id><product_id>4</product_id><product_quantity>5</product_quantity></order_row>
</order_rows></associations></order>
<order><id><![CDATA[8]]></id><associations><order_rows nodeType="order_row" virtualEntity="true"/></associations></order>
</orders></prestashop>`;
    const root = parsePrestashopXml(createXmlParser(), xml)!;
    const orders = xmlCollection(root, 'orders', 'order').map(orderFromRecord);
    expect(orders.map((o) => o.rows.map((r) => [r.productId, r.quantity]))).toEqual([[[3, 2], [4, 5]], []]);
  });

  it('reads a multilingual order_state in the asked language, falling back to the first', () => {
    const record = xmlResource(xmlRoot('order_state-single.xml'), 'order_state')!;
    expect(stateFromRecord(record, 1)).toEqual({ id: 2, name: 'Pagamento accettato', deleted: false, sendEmail: true, color: '#32CD32', shipped: false, paid: true });
    expect(stateFromRecord(record, 2).name).toBe('Payment accepted');
    expect(stateFromRecord(record, 9).name).toBe('Pagamento accettato');
    expect(stateFromRecord(record).name).toBe('Pagamento accettato');
  });

  it('reads a single <language> entry as a one-language value', () => {
    const xml = '<prestashop><order_state><id>6</id><deleted>1</deleted><name><language id="2"><![CDATA[Annullato & chiuso]]></language></name></order_state></prestashop>';
    const state = stateFromRecord(xmlResource(parsePrestashopXml(createXmlParser(), xml)!, 'order_state')!, 2);
    expect(state).toMatchObject({ id: 6, name: 'Annullato & chiuso', deleted: true });
  });

  it('keeps the unsorted order of order_states-list.xml and reads ids from attributes', () => {
    const records = xmlCollection(xmlRoot('order_states-list.xml'), 'order_states', 'order_state');
    expect(records.map((r) => r.id)).toEqual(['2', '3', '4', '14', '1']);
  });

  it('reads ids of orders-list-by-date_upd.xml despite the leading comment', () => {
    expect(xmlCollection(xmlRoot('orders-list-by-date_upd.xml'), 'orders', 'order').map((r) => r.id)).toEqual(['1', '2', '5']);
  });

  it('reads an empty list as no entries', () => {
    expect(xmlCollection(parsePrestashopXml(createXmlParser(), '<prestashop><orders/></prestashop>')!, 'orders', 'order')).toEqual([]);
    expect(xmlCollection(parsePrestashopXml(createXmlParser(), '<prestashop><orders>\n</orders></prestashop>')!, 'orders', 'order')).toEqual([]);
  });

  it('reads the created history id of order_histories-post-response-201.xml', () => {
    expect(historyIdFromRecord(xmlResource(xmlRoot('order_histories-post-response-201.xml'), 'order_history')!)).toBe(50410);
  });

  it('parses error-87-not-found.xml into code and message', () => {
    expect(parseErrorBody(readSample('error-87-not-found.xml'))).toEqual({ entries: [{ code: 87, message: 'Id(s) not exists: 99' }], text: null });
  });

  it('does not take a PHP fatal error page for XML', () => {
    expect(parsePrestashopXml(createXmlParser(), '<br />\n<b>Fatal error</b>:  Uncaught Error: Call to a member function getId() on null')).toBeNull();
    expect(parseErrorBody('<br />\n<b>Fatal error</b>:  Uncaught Error')).toEqual({ entries: [], text: 'Fatal error : Uncaught Error' });
  });

  it('skips PHP notices printed before the XML', () => {
    const root = parsePrestashopXml(createXmlParser(), `Notice: Undefined index: foo in /var/www/x.php on line 3\n${readSample('order_states-list.xml')}`);
    expect(xmlCollection(root!, 'order_states', 'order_state')).toHaveLength(5);
  });
});

describe('JSON samples', () => {
  it('maps orders-display-full.json, where only the id is a number', () => {
    const [order] = jsonCollection(parseJsonBody(readSample('orders-display-full.json')), 'orders').map(orderFromRecord);
    expect(order).toMatchObject({
      id: 6,
      reference: 'ONAQWRKWL',
      currentState: 1,
      idCustomer: 3,
      idAddressDelivery: 6,
      idAddressInvoice: 6,
      idCarrier: null,
      totalPaidTaxIncl: 102,
      dateAdd: '2020-12-11 06:43:41',
      dateUpd: '2020-12-11 06:43:42',
    });
    expect(order!.rows).toEqual([
      { id: 8, productId: 20, productAttributeId: 44, quantity: 1, name: 'Men Tshirt - Size : XXL', reference: '', unitPriceTaxIncl: 100, unitPriceTaxExcl: 0 },
    ]);
  });

  it('uses the data of a response that also carries PHP warnings as errors', () => {
    const document = parseJsonBody(readSample('error-json-with-data-php-warning.json'));
    expect(jsonCollection(document, 'orders').map((r) => r.id)).toEqual([1, 2, 653]);
    expect(parseErrorBody(readSample('error-json-with-data-php-warning.json')).entries[0]?.code).toBe(3);
  });

  it('parses error-json-405.json', () => {
    expect(parseErrorBody(readSample('error-json-405.json')).entries).toEqual([{ code: 23, message: 'Method PATCH is not valid' }]);
  });

  it('reads an empty filtered list given as a bare []', () => {
    expect(jsonCollection(parseJsonBody('[]'), 'orders')).toEqual([]);
    expect(jsonCollection(parseJsonBody('{"orders":[]}'), 'orders')).toEqual([]);
  });

  it('reads multilingual JSON values as a string or as [{id, value}]', () => {
    expect(languageText('Spedito', 2)).toBe('Spedito');
    expect(languageText([{ id: '1', value: 'Spedito' }, { id: '2', value: 'Shipped' }], 2)).toBe('Shipped');
    expect(languageText([{ id: '1', value: 'Spedito' }, { id: '2', value: 'Shipped' }], 3)).toBe('Spedito');
  });
});

describe('every sample file', () => {
  it('is parsed by the client without throwing and yields data or errors', () => {
    const names = sampleNames();
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const body = readSample(name);
      if (name.endsWith('.json')) {
        const document = parseJsonBody(body);
        expect(document, name).toBeDefined();
        const errors = parseErrorBody(body).entries;
        expect(jsonCollection(document, 'orders').length + errors.length, name).toBeGreaterThan(0);
      } else {
        const root = parsePrestashopXml(createXmlParser(), body);
        expect(root, name).not.toBeNull();
        expect(Object.keys(root!).filter((k) => !k.startsWith('@_')).length, name).toBe(1);
      }
    }
  });
});
