import { createXmlParser, parsePrestashopXml, asArray, xmlText, type XmlElement } from './xml-parser.js';

export interface WebserviceErrorEntry {
  code: number | null;
  message: string;
}

export interface ParsedErrorBody {
  /** `<errors><error>` (XML) or `"errors": [...]` (JSON) entries, in order. */
  entries: WebserviceErrorEntry[];
  /** A short excerpt of a body that is neither (PHP fatal error, proxy page), else null. */
  text: string | null;
}

const MAX_EXCERPT = 200;

function excerpt(body: string): string | null {
  const flat = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  return flat.length > MAX_EXCERPT ? `${flat.slice(0, MAX_EXCERPT)}…` : flat;
}

function toCode(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  return Number.isInteger(n) && String(value ?? '').trim() !== '' ? n : null;
}

/** The `errors` entries of a JSON webservice answer (objects with code and message). */
export function jsonErrorEntries(value: unknown): WebserviceErrorEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: unknown) => {
    const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    return { code: toCode(record.code), message: String(record.message ?? '') };
  });
}

export function xmlErrorEntries(root: XmlElement): WebserviceErrorEntry[] {
  const errors = root.errors;
  if (errors === undefined || typeof errors === 'string' || Array.isArray(errors)) return [];
  return asArray(errors.error).map((error) => {
    const element = typeof error === 'object' && !Array.isArray(error) ? error : {};
    return { code: toCode(xmlText(element.code)), message: xmlText(element.message) };
  });
}

/**
 * Reads an error answer of any shape: the webservice's XML or JSON errors, or whatever a crashed
 * PHP script or a proxy printed. Never throws: a broken body must not hide the HTTP status.
 */
export function parseErrorBody(body: string): ParsedErrorBody {
  const trimmed = body.trim();
  if (trimmed === '') return { entries: [], text: null };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const entries = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? jsonErrorEntries((parsed as Record<string, unknown>).errors) : [];
      return entries.length > 0 ? { entries, text: null } : { entries: [], text: excerpt(trimmed) };
    } catch {
      return { entries: [], text: excerpt(trimmed) };
    }
  }
  const root = parsePrestashopXml(createXmlParser(), trimmed);
  if (root !== null) {
    const entries = xmlErrorEntries(root);
    if (entries.length > 0) return { entries, text: null };
  }
  return { entries: [], text: excerpt(trimmed) };
}
