import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { BulkRow } from './bulk-order-status.js';

function cells(line: string): string[] {
  // Plain CSV of ids: commas or semicolons (Italian spreadsheets), optional quotes.
  return line.split(/[,;]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** Streams rows of a CSV with an `id_order,id_order_state` header (any column order, extra columns ignored). */
export async function* parseBulkCsv(input: AsyncIterable<string | Buffer>): AsyncGenerator<BulkRow> {
  const lines = createInterface({ input: Readable.from(input), crlfDelay: Infinity });
  let header: { order: number; state: number } | null = null;
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber += 1;
    const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
    if (line.trim() === '') continue;
    const values = cells(line);
    if (header === null) {
      const names = values.map((v) => v.toLowerCase());
      const order = names.indexOf('id_order');
      const state = names.indexOf('id_order_state');
      if (order === -1 || state === -1) {
        throw new UsageError('INVALID_INPUT', `bulk CSV input: the first line must be the header id_order,id_order_state, got ${JSON.stringify(line.slice(0, 80))}`, {
          hint: 'Example:\n  id_order,id_order_state\n  32,3\n  33,3',
        });
      }
      header = { order, state };
      continue;
    }
    yield { id_order: values[header.order] ?? '', id_order_state: values[header.state] ?? '', line: lineNumber };
  }
  if (header === null) throw new UsageError('INVALID_INPUT', 'bulk CSV input is empty', { hint: 'The first line must be the header id_order,id_order_state.' });
}
