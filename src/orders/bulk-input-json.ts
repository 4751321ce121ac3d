import { Tokenizer, TokenParser, TokenType, type ParsedElementInfo, type ParsedTokenInfo } from '@streamparser/json';
import { UsageError } from '../errors.js';
import type { BulkRow } from './bulk-order-status.js';

/** Deeper than any row needs ({"orders": [{"id_order": …}]} is 3): a guard, not a format rule. */
export const MAX_JSON_DEPTH = 32;

function invalid(message: string): UsageError {
  return new UsageError('INVALID_INPUT', `bulk JSON input: ${message}; nothing was changed`, {
    hint: 'Give one complete JSON document: {"orders": [{"id_order": 32, "id_order_state": 3}, ...]} or a bare list [{...}, ...].',
  });
}

/** Byte offsets → "line L, column C" for messages; only counts newlines, holds no text. */
class Positions {
  private consumed = 0;
  private newlines: number[] = [];
  private newlinesBefore = 0;
  private lastLineStart = 0;

  add(bytes: Uint8Array): void {
    this.newlinesBefore += this.newlines.length;
    if (this.newlines.length > 0) this.lastLineStart = this.newlines[this.newlines.length - 1]! + 1;
    this.newlines = [];
    for (let i = 0; i < bytes.length; i += 1) if (bytes[i] === 10) this.newlines.push(this.consumed + i);
    this.consumed += bytes.length;
  }

  describe(offset: number): string {
    let line = this.newlinesBefore + 1;
    let start = this.lastLineStart;
    for (const at of this.newlines) {
      if (at >= offset) break;
      line += 1;
      start = at + 1;
    }
    // An offset before the current chunk: only the byte is known exactly.
    return offset < start ? `byte ${offset}` : `line ${line}, column ${offset - start + 1} (byte ${offset})`;
  }

  get end(): string {
    return `the end of the input (byte ${this.consumed})`;
  }
}

/**
 * Streams the rows of `{"orders": [...]}` or a bare `[...]` through a streaming JSON parser:
 * only one element is held at a time, other top-level keys are read and dropped. The whole
 * document must be valid: a truncated file, trailing garbage, a second document, or nesting
 * deeper than MAX_JSON_DEPTH throws (with the position) — the caller applies nothing before the
 * last row has been read.
 */
export async function* parseBulkJson(input: AsyncIterable<string | Buffer>): AsyncGenerator<BulkRow> {
  const positions = new Positions();
  const encoder = new TextEncoder();
  const tokenizer = new Tokenizer();
  let parser: TokenParser | null = null;
  let rows: BulkRow[] = [];
  let index = 0;
  let depth = 0;
  let rootIsObject = false;
  let ordersFound = false;
  // Inside the root object: a key is due, the value of `key` is due.
  let keyDue = false;
  let valueDue = false;
  let key: string | null = null;
  let failure: UsageError | null = null;

  const onValue = ({ value }: ParsedElementInfo) => {
    index += 1;
    rows.push(elementRow(value, index));
  };

  const observe = ({ token, value, offset }: ParsedTokenInfo) => {
    if (parser === null) {
      if (token !== TokenType.LEFT_BRACE && token !== TokenType.LEFT_BRACKET) throw invalid(`the document must start with { or [ (at ${positions.describe(offset)})`);
      rootIsObject = token === TokenType.LEFT_BRACE;
      ordersFound = !rootIsObject;
      parser = new TokenParser({ paths: [rootIsObject ? '$.orders.*' : '$.*'], keepStack: false });
      parser.onValue = onValue;
      parser.onError = (error) => { throw error; };
      // The root value closed: from here on only whitespace may follow (no second document).
      parser.onEnd = () => { if (!tokenizer.isEnded) tokenizer.end(); };
    }
    const atRootLevel = rootIsObject && depth === 1;
    if (atRootLevel) {
      if (valueDue && token !== TokenType.COLON) {
        valueDue = false;
        if (key === 'orders') {
          if (token !== TokenType.LEFT_BRACKET) throw invalid(`"orders" must be a list (at ${positions.describe(offset)})`);
          if (ordersFound) throw invalid(`"orders" is given twice (at ${positions.describe(offset)})`);
          ordersFound = true;
        }
      } else if (keyDue && token === TokenType.STRING) {
        key = String(value);
        keyDue = false;
      } else if (token === TokenType.COLON) {
        valueDue = true;
      } else if (token === TokenType.COMMA) {
        keyDue = true;
      }
    }
    try {
      parser.write({ token, value, offset } as ParsedTokenInfo);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw invalid(`${describeParserError(error)} at ${positions.describe(offset)}`);
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      depth += 1;
      if (depth === 1 && rootIsObject) keyDue = true;
      if (depth > MAX_JSON_DEPTH) throw invalid(`values are nested deeper than ${MAX_JSON_DEPTH} levels (at ${positions.describe(offset)})`);
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      depth -= 1;
    }
  };
  tokenizer.onToken = observe;
  tokenizer.onError = (error) => { failure ??= toUsage(error, positions); };

  const write = (chunk: string | Buffer) => {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    positions.add(bytes);
    tokenizer.write(bytes);
  };

  for await (const chunk of input) {
    write(chunk);
    if (failure) throw failure;
    const ready = rows;
    rows = [];
    yield* ready;
  }
  if (parser === null) throw invalid('the input is empty');
  const finished = (parser as TokenParser).isEnded;
  if (!finished) throw invalid(`the document ends in the middle of a value, at ${positions.end} — is the file complete?`);
  if (!tokenizer.isEnded) tokenizer.end();
  if (failure) throw failure;
  yield* rows;
  if (!ordersFound) throw invalid('no "orders" list found');
}

function describeParserError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unexpected = /^Unexpected (\w+) \((.*)\) in state/.exec(message);
  if (unexpected !== null) return `unexpected ${unexpected[1]!.toLowerCase().replace(/_/g, ' ')} ${unexpected[2]}`;
  return message.replace(/\.$/, '');
}

function toUsage(error: unknown, positions: Positions): UsageError {
  if (error instanceof UsageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const unexpected = /^Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\) in state (\w+)/.exec(message);
  if (unexpected !== null) {
    const where = positions.describe(Number(unexpected[2]));
    if (unexpected[3] === 'ENDED') return invalid(`unexpected ${JSON.stringify(unexpected[1])} after the end of the document, at ${where} — one document only, nothing after it`);
    return invalid(`unexpected ${JSON.stringify(unexpected[1])} at ${where}`);
  }
  if (/ended in the middle of a token/.test(message)) return invalid(`the document ends in the middle of a value, at ${positions.end} — is the file complete?`);
  return invalid(message.replace(/\.$/, ''));
}

function clip(value: unknown): unknown {
  return typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function elementRow(value: unknown, index: number): BulkRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { id_order: clip(value), id_order_state: undefined, line: index };
  const row = value as Record<string, unknown>;
  return { id_order: clip(row.id_order), id_order_state: clip(row.id_order_state), line: index };
}
