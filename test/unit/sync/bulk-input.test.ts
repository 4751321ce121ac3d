import { describe, expect, it } from 'vitest';
import { parseBulkCsv } from '../../../src/orders/bulk-input-csv.js';
import { parseBulkJson } from '../../../src/orders/bulk-input-json.js';
import type { BulkRow } from '../../../src/orders/bulk-order-status.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(rows: AsyncIterable<BulkRow>): Promise<BulkRow[]> {
  const out: BulkRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('parseBulkJson', () => {
  const wrapped = '{"note": {"a": [1, "]"]}, "orders": [{"id_order": 32, "id_order_state": 3}, {"id_order": "33", "id_order_state": 3, "x": "a\\"}"}, 7, "text", null], "after": 1}';
  const expected = [
    { id_order: 32, id_order_state: 3, line: 1 },
    { id_order: '33', id_order_state: 3, line: 2 },
    { id_order: 7, id_order_state: undefined, line: 3 },
    { id_order: 'text', id_order_state: undefined, line: 4 },
    { id_order: null, id_order_state: undefined, line: 5 },
  ];

  for (const size of [1, 2, 3, 7, 1000]) {
    it(`reads {"orders": [...]} split into chunks of ${size}`, async () => {
      expect(await collect(parseBulkJson(chunked(wrapped, size)))).toEqual(expected);
    });
  }

  it('reads a bare list', async () => {
    expect(await collect(parseBulkJson(chunked(' [ {"id_order":1,"id_order_state":2} , {"id_order":3,"id_order_state":4} ] ', 3)))).toEqual([
      { id_order: 1, id_order_state: 2, line: 1 },
      { id_order: 3, id_order_state: 4, line: 2 },
    ]);
  });

  it('rejects a document without a list', async () => {
    await expect(collect(parseBulkJson(chunked('{"rows": []}', 4)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(collect(parseBulkJson(chunked('id_order,id_order_state', 4)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('rejects a truncated document', async () => {
    await expect(collect(parseBulkJson(chunked('[{"id_order": 1, "id_or', 4)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('parseBulkCsv', () => {
  it('reads the header in any column order, with a BOM, CRLF and quotes', async () => {
    const text = '\uFEFFid_order_state;"id_order";note\r\n3;32;x\r\n\r\n"4";33;\r\nabc;34\r\n';
    expect(await collect(parseBulkCsv(chunked(text, 5)))).toEqual([
      { id_order: '32', id_order_state: '3', line: 2 },
      { id_order: '33', id_order_state: '4', line: 4 },
      { id_order: '34', id_order_state: 'abc', line: 5 },
    ]);
  });

  it('needs the header', async () => {
    await expect(collect(parseBulkCsv(chunked('32,3\n', 5)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(collect(parseBulkCsv(chunked('', 5)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
