/**
 * Parses the webservice query string the way PrestaShop reads `$_GET`: `display`, `filter[f]`,
 * `sort`, `limit`, `language`, `date`, `output_format`, `sendemail`. Clients URL-encode brackets
 * and operators (%5B, %3E…); URLSearchParams decodes them (and `+` as a space, like PHP).
 */
import { arrayOffsetWarnings, WsError } from './ws-error.js';

export type FilterOp =
  | { kind: 'eq'; values: string[] }
  | { kind: 'ne'; values: string[] }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'gt' | 'lt'; value: string }
  | { kind: 'like'; value: string; prefix: boolean; suffix: boolean };

export interface WsFilter {
  field: string;
  op: FilterOp;
}

export interface WsSort {
  field: string;
  desc: boolean;
}

export interface WsQuery {
  display: 'ids' | 'full' | string[];
  filters: WsFilter[];
  sort: WsSort[];
  limit: { offset: number; count: number } | null;
  languages: number[] | null;
  date: boolean;
  /** `output_format=JSON` (case-sensitive, as PrestaShop compares it). */
  jsonRequested: boolean;
  /** `sendemail=1`, exactly that spelling. */
  sendEmail: boolean;
  wsKey: string | undefined;
  /** Multistore context: `id_shop=N` (null when absent). */
  idShop: number | null;
  idShopGroup: number | null;
}

const FILTER_KEY = /^filter\[(.+)\]$/;
const FILTER_VALUE = /^([><!%]?)\[(.*)\](%?)$/s;

export function parseWsQuery(rawQuery: string): WsQuery {
  const params = new URLSearchParams(rawQuery);
  const query: WsQuery = {
    display: 'ids', filters: [], sort: [], limit: null, languages: null, date: false,
    jsonRequested: false, sendEmail: false, wsKey: undefined, idShop: null, idShopGroup: null,
  };
  for (const [key, value] of params) {
    const filterKey = FILTER_KEY.exec(key);
    if (filterKey) {
      query.filters.push({ field: filterKey[1] as string, op: parseFilterValue(value) });
      continue;
    }
    switch (key) {
      case 'display':
        query.display = value === 'full' ? 'full' : parseList(value, 'display', 35);
        break;
      case 'sort':
        query.sort = parseList(value, 'sort', 37).map(parseSort);
        break;
      case 'limit':
        query.limit = parseLimit(value);
        break;
      case 'language':
        query.languages = parseLanguages(value);
        break;
      case 'date':
        query.date = value === '1';
        break;
      case 'output_format':
        query.jsonRequested = value === 'JSON';
        break;
      case 'sendemail':
        query.sendEmail = value === '1';
        break;
      case 'ws_key':
        query.wsKey = value;
        break;
      case 'id_shop':
        query.idShop = /^\d+$/.test(value) ? Number(value) : null;
        break;
      case 'id_group_shop':
        query.idShopGroup = /^\d+$/.test(value) ? Number(value) : null;
        break;
      default:
        break;
    }
  }
  return query;
}

export function parseFilterValue(raw: string): FilterOp {
  const m = FILTER_VALUE.exec(raw);
  if (!m) return { kind: 'eq', values: [raw] };
  const [, before = '', inner = '', after = ''] = m;
  if (before === '%' || after === '%') return { kind: 'like', value: inner, prefix: before === '%', suffix: after === '%' };
  if (before === '>') return { kind: 'gt', value: inner };
  if (before === '<') return { kind: 'lt', value: inner };
  if (before === '!') return { kind: 'ne', values: inner.split('|') };
  if (inner.includes('|')) return { kind: 'eq', values: inner.split('|') };
  const comma = inner.split(',');
  if (comma.length === 2) return { kind: 'range', from: comma[0] as string, to: comma[1] as string };
  return { kind: 'eq', values: [inner] };
}

function parseList(value: string, param: string, code: number): string[] {
  const inner = /^\[(.*)\]$/s.exec(value)?.[1] ?? value;
  const items = inner.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new WsError(400, code, `The "${param}" parameter is empty`);
  return items;
}

function parseSort(item: string): WsSort {
  const m = /^(.+)_(ASC|DESC)$/i.exec(item);
  if (!m) throw new WsError(500, 37, `The "sort" value has to be formed as this example: "field_ASC" or '[field_1_DESC,field_2_ASC,field_3_ASC,...]' ("${item}" given)`, arrayOffsetWarnings());
  return { field: m[1] as string, desc: (m[2] as string).toUpperCase() === 'DESC' };
}

/** 8.2.1 casts a non-numeric limit to 0 and answers 200 with an empty list (`12i-bad-limit.*`). */
function parseLimit(value: string): { offset: number; count: number } {
  const m = /^(\d+)(?:,(\d+))?$/.exec(value.trim());
  if (!m) return { offset: 0, count: 0 };
  return m[2] === undefined ? { offset: 0, count: Number(m[1]) } : { offset: Number(m[1]), count: Number(m[2]) };
}

function parseLanguages(value: string): number[] {
  const inner = /^\[(.*)\]$/s.exec(value)?.[1] ?? value;
  const range = /^(\d+),(\d+)$/.exec(inner);
  const ids = range
    ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i)
    : inner.split('|').map((s) => Number(s.trim()));
  if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new WsError(400, 85, `The "language" value has to be formed as this example: "1" or "[1|2]" ("${value}" given)`);
  }
  return ids;
}
