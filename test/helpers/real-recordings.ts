/** The answers of a real PrestaShop 8.2.1 shop, recorded as `NN-name.headers` + `NN-name.body` (test/fixtures/prestashop-real-8.2.1). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REAL_DIR = fileURLToPath(new URL('../fixtures/prestashop-real-8.2.1/', import.meta.url));

export interface RecordedAnswer {
  status: number;
  /** Lower-case header names; repeated headers (Set-Cookie) keep the last value. */
  headers: Record<string, string>;
  body: string;
}

export function recordedAnswer(name: string): RecordedAnswer {
  const head = readFileSync(`${REAL_DIR}${name}.headers`, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head[0] ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: readFileSync(`${REAL_DIR}${name}.body`, 'utf8') };
}

/** The body alone (a few recordings have no headers file). */
export function recordedBody(name: string): string {
  return readFileSync(`${REAL_DIR}${name}.body`, 'utf8');
}

/** Webservice error codes of an XML or JSON error body, in order. */
export function errorCodes(body: string): number[] {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) return ((JSON.parse(trimmed) as { errors?: { code: number }[] }).errors ?? []).map((e) => Number(e.code));
  return [...body.matchAll(/<code><!\[CDATA\[(\d+)\]\]><\/code>/g)].map((m) => Number(m[1]));
}
