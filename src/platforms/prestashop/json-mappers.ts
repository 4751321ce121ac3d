import type { WebserviceRecord } from './webservice-record.js';

function isRecord(value: unknown): value is WebserviceRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of `{"orders": [...]}`. An empty filtered list may come back as a bare `[]` (or
 * `{"orders": []}`, or `{}`); a document carrying both data and `errors` (PHP warnings) still
 * yields its data.
 */
export function jsonCollection(document: unknown, plural: string): WebserviceRecord[] {
  if (Array.isArray(document)) return document.filter(isRecord);
  if (!isRecord(document)) return [];
  const list = document[plural];
  if (Array.isArray(list)) return list.filter(isRecord);
  // A single entry has been seen as an object instead of a one-element list.
  if (isRecord(list)) return [list];
  return [];
}

/** `{"order_history": {...}}` -> its record, or null. */
export function jsonResource(document: unknown, singular: string): WebserviceRecord | null {
  if (!isRecord(document)) return null;
  const resource = document[singular];
  return isRecord(resource) ? resource : null;
}

/**
 * Parses a JSON body; PHP notices printed before the JSON are skipped. Returns undefined when it
 * is not JSON at all.
 */
export function parseJsonBody(body: string): unknown {
  const start = body.search(/[[{]/);
  if (start < 0) return undefined;
  try {
    return JSON.parse(body.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}
