import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import type { BulkRow } from './bulk-order-status.js';

const HEADER_HINT = 'The first line must be the header id_order,id_order_state (or with ;), e.g.\n  id_order,id_order_state\n  32,3\n  33,3';

function invalid(message: string, hint = 'Fix the file and run the command again; nothing was changed.'): UsageError {
  return new UsageError('INVALID_INPUT', `bulk CSV input: ${message}`, { hint });
}

interface Header { delimiter: ',' | ';'; order: number; state: number }

/**
 * The delimiter is the one that splits the header into both column names: `,` or `;`
 * (spreadsheets with a decimal comma write `;`). Cells are parsed properly, so a quoted
 * `"a;b"` or `"a,b"` in the header does not count.
 */
function readHeader(line: string): Header {
  for (const delimiter of [',', ';'] as const) {
    let cells: string[];
    try {
      cells = (parseSync(line, { delimiter, trim: true, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {
      continue;
    }
    const names = cells.map((c) => c.toLowerCase());
    const order = names.indexOf('id_order');
    const state = names.indexOf('id_order_state');
    if (order !== -1 && state !== -1) return { delimiter, order, state };
  }
  throw invalid(`the first line must be the header id_order,id_order_state, got ${JSON.stringify(line.slice(0, 80))}`, HEADER_HINT);
}

/** Text chunks as they come, and the first line (the header) once it is complete. */
async function splitHeader(input: AsyncIterable<string | Buffer>): Promise<{ header: string | null; rest: AsyncGenerator<string> }> {
  const iterator = input[Symbol.asyncIterator]();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) { text += decoder.decode(); break; }
    text += typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
    // Skip blank leading lines; the header is the first line with content.
    if (/\S[^\n]*\n/.test(text.replace(/^\uFEFF/, ''))) break;
  }
  const body = text.replace(/^\uFEFF/, '');
  const match = /^\s*([^\n]*)/.exec(body);
  const header = match !== null && match[1]!.trim() !== '' ? match[1]!.replace(/\r$/, '') : null;
  async function* rest(): AsyncGenerator<string> {
    yield body;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      yield typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
    }
    yield decoder.decode();
  }
  return { header, rest: rest() };
}

/**
 * Streams the rows of a CSV with an `id_order,id_order_state` header, through a real CSV
 * parser: quoted cells (with `""` escapes, delimiters and line breaks inside), a UTF-8 BOM,
 * CRLF or LF, `,` or `;` as told by the header. Columns are found by name in any order; other
 * columns are ignored, blank lines skipped. A malformed file (an unclosed quote) fails with its
 * line before the caller has applied anything.
 */
export async function* parseBulkCsv(input: AsyncIterable<string | Buffer>): AsyncGenerator<BulkRow> {
  const { header, rest } = await splitHeader(input);
  if (header === null) throw invalid('the input is empty', HEADER_HINT);
  const { delimiter, order, state } = readHeader(header);
  const parser = Readable.from(rest).pipe(parse({
    delimiter,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  }));
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (first) { first = false; continue; } // the header
      yield { id_order: record[order] ?? '', id_order_state: record[state] ?? '', line: info.lines };
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message.replace(/^Invalid Record Length: /, '') : String(error);
    throw invalid(`${message.replace(/\.$/, '')}; nothing was changed`);
  }
}
