import { UsageError } from '../errors.js';
import type { BulkRow } from './bulk-order-status.js';

function invalid(message: string): UsageError {
  return new UsageError('INVALID_INPUT', `bulk JSON input: ${message}`, {
    hint: 'Give {"orders": [{"id_order": 32, "id_order_state": 3}, ...]} or a bare list [{...}, ...].',
  });
}

/**
 * Streams the rows of `{"orders": [...]}` or a bare `[...]` without holding the document: a
 * small scanner finds the list and cuts it into elements (tracking strings and nesting), and
 * each element alone goes through JSON.parse. Other top-level keys are skipped.
 */
export async function* parseBulkJson(input: AsyncIterable<string | Buffer>): AsyncGenerator<BulkRow> {
  type Mode = 'start' | 'object' | 'array' | 'done';
  let mode: Mode = 'start';
  let buffer = '';
  let position = 0;
  let found = false;
  // State of the value being captured (an element, or a skipped top-level value).
  let capture: { start: number; depth: number; inString: boolean; escaped: boolean; skip: boolean } | null = null;
  let pendingKey: string | null = null;
  let expectValue = false;
  let index = 0;

  const decoder = new TextDecoder('utf-8');
  async function* chars(): AsyncGenerator<string> {
    for await (const chunk of input) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  }

  for await (const text of chars()) {
    buffer += text;
    let i = position;
    for (; i < buffer.length; i += 1) {
      const c = buffer[i]!;
      if (capture) {
        if (capture.inString) {
          if (capture.escaped) capture.escaped = false;
          else if (c === '\\') capture.escaped = true;
          else if (c === '"') capture.inString = false;
          continue;
        }
        if (c === '"') { capture.inString = true; continue; }
        if (c === '{' || c === '[') { capture.depth += 1; continue; }
        const closes = c === '}' || c === ']';
        if (closes && capture.depth > 0) {
          capture.depth -= 1;
          if (capture.depth > 0) continue;
          // A container just closed: it is the whole value.
          const raw = buffer.slice(capture.start, i + 1);
          const skip = capture.skip;
          capture = null;
          if (!skip) { index += 1; yield elementRow(raw, index); }
          continue;
        }
        if (capture.depth === 0 && (c === ',' || closes || /\s/.test(c))) {
          // End of a primitive value.
          const raw = buffer.slice(capture.start, i).trim();
          const skip = capture.skip;
          capture = null;
          if (!skip) { index += 1; yield elementRow(raw, index); }
          i -= 1; // let the delimiter be handled below
          continue;
        }
        continue;
      }
      if (/\s/.test(c)) continue;
      if (mode === 'start') {
        if (c === '[') { mode = 'array'; found = true; continue; }
        if (c === '{') { mode = 'object'; continue; }
        throw invalid('the document must start with { or [');
      }
      if (mode === 'array') {
        if (c === ',') continue;
        if (c === ']') { mode = found ? 'done' : 'object'; if (mode === 'done') break; continue; }
        capture = { start: i, depth: c === '{' || c === '[' ? 1 : 0, inString: c === '"', escaped: false, skip: false };
        continue;
      }
      if (mode === 'object') {
        if (expectValue) {
          expectValue = false;
          if (pendingKey === 'orders') {
            if (c !== '[') throw invalid('"orders" must be a list');
            mode = 'array';
            found = true;
            continue;
          }
          capture = { start: i, depth: c === '{' || c === '[' ? 1 : 0, inString: c === '"', escaped: false, skip: true };
          continue;
        }
        if (c === ',' ) continue;
        if (c === '}') { mode = 'done'; break; }
        if (c === ':') { expectValue = true; continue; }
        if (c === '"') {
          const end = buffer.indexOf('"', i + 1);
          if (end === -1) break; // key not complete yet: rescan it with more input
          pendingKey = buffer.slice(i + 1, end);
          i = end;
          continue;
        }
        throw invalid(`unexpected ${JSON.stringify(c)}`);
      }
      if (mode === 'done') break;
    }
    if (mode === 'done') break;
    // Keep only what is still needed: the value being captured, or the unscanned rest.
    const keepFrom = capture ? capture.start : i;
    if (capture) capture.start = 0;
    buffer = buffer.slice(keepFrom);
    position = i - keepFrom;
  }
  if (capture) {
    const raw = buffer.slice(capture.start).trim();
    if (capture.depth === 0 && !capture.inString && raw !== '' && !capture.skip) { index += 1; yield elementRow(raw, index); }
    else if (capture.depth > 0 || capture.inString) throw invalid('the document ends in the middle of a value');
  }
  if (!found) throw invalid('no "orders" list found');
}

function elementRow(raw: string, index: number): BulkRow {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { id_order: raw.slice(0, 40), id_order_state: undefined, line: index };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { id_order: value, id_order_state: undefined, line: index };
  const row = value as Record<string, unknown>;
  return { id_order: row.id_order, id_order_state: row.id_order_state, line: index };
}
