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

  const rows = (n: number) => Array.from({ length: n }, (_, i) => `{"id_order": ${i + 1}, "id_order_state": 3}`);
  const complete = `{"orders": [\n${rows(100).join(',\n')}\n]}\n`;

  it('reads a complete document, and a BOM before it', async () => {
    expect(await collect(parseBulkJson(chunked(complete, 64)))).toHaveLength(100);
    expect(await collect(parseBulkJson(chunked(`\uFEFF${complete}`, 64)))).toHaveLength(100);
  });

  for (const [name, text, position] of [
    ['truncated at a row boundary', complete.slice(0, complete.indexOf('{"id_order": 51')), /the document ends in the middle of a value, at the end of the input \(byte \d+\)/],
    ['truncated after a comma', `[${rows(50).join(',')},`, /ends in the middle of a value/],
    ['trailing garbage', `${complete}garbage`, /unexpected "g" after the end of the document, at line 103, column 1/],
    ['a second document', `${complete}{"orders": []}`, /after the end of the document, at line 103, column 1 \(byte \d+\)/],
    ['a missing comma', '[{"id_order": 1, "id_order_state": 3}\n {"id_order": 2, "id_order_state": 3}]', /unexpected left brace .* at line 2, column 2/],
    ['orders that is no list', '{"orders": {"id_order": 1}}', /"orders" must be a list \(at line 1, column 12/],
    ['orders given twice', '{"orders": [], "orders": []}', /"orders" is given twice/],
    ['a text', 'hello', /unexpected "h" at line 1, column 1/],
  ] as const) {
    it(`rejects ${name}, naming the position, before yielding the rest`, async () => {
      const error = await collect(parseBulkJson(chunked(text, 37))).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', exitCode: 2 });
      expect((error as Error).message).toMatch(position);
      expect((error as Error).message).toMatch(/nothing was changed/);
    });
  }

  it('100,000 nested [ : a clear usage error, not a stack overflow', async () => {
    const error = await collect(parseBulkJson(chunked('['.repeat(100_000), 65_536))).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', exitCode: 2 });
    expect((error as Error).message).toMatch(/nested deeper than 32 levels \(at line 1, column 33/);
    const inRow = await collect(parseBulkJson(chunked(`{"orders": [{"id_order": ${'['.repeat(50)}1${']'.repeat(50)}}]}`, 10))).then(() => null, (e: unknown) => e);
    expect((inRow as Error).message).toMatch(/nested deeper than 32 levels/);
  });

  it('cuts long values it echoes', async () => {
    const [row] = await collect(parseBulkJson(chunked(`[{"id_order": "${'x'.repeat(5000)}"}]`, 100)));
    expect(String(row!.id_order)).toHaveLength(41);
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

  it('a quoted cell with the delimiter, escaped quotes and a line break inside stays one cell', async () => {
    const text = 'customer;id_order;id_order_state\n"Rossi; Mario";32;3\n"He said ""hi""\nat home";33;4\n';
    expect(await collect(parseBulkCsv(chunked(text, 4)))).toEqual([
      { id_order: '32', id_order_state: '3', line: 2 },
      { id_order: '33', id_order_state: '4', line: 4 },
    ]);
  });

  it('takes the delimiter from the header: , with ; inside cells, ; with , inside cells', async () => {
    const comma = 'note,id_order,id_order_state,extra\n"a;b",1,2,x\n';
    expect(await collect(parseBulkCsv(chunked(comma, 3)))).toEqual([{ id_order: '1', id_order_state: '2', line: 2 }]);
    const semicolon = '"id_order";"id_order_state";"note, with comma"\r\n5;6;"x,y"\r\n';
    expect(await collect(parseBulkCsv(chunked(semicolon, 3)))).toEqual([{ id_order: '5', id_order_state: '6', line: 2 }]);
  });

  it('an unclosed quote fails with its line, and no row is yielded after it', async () => {
    const error = await collect(parseBulkCsv(chunked('id_order,id_order_state\n1,2\n"3,4\n5,6\n', 4))).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', exitCode: 2 });
    expect((error as Error).message).toMatch(/Quote Not Closed: .* at line 4/);
  });

  it('needs the header', async () => {
    await expect(collect(parseBulkCsv(chunked('32,3\n', 5)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(collect(parseBulkCsv(chunked('', 5)))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
