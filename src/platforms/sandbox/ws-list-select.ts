/**
 * Selects the entities of a list request: filters (SQL-like, case-insensitive as MySQL's
 * collation), sort, limit. Without a sort the shop's own unsorted order is kept. Date fields in a
 * filter or sort need `date=1`: without it, as for an unknown field, 8.2.1 answers 500 with code
 * 32 (filter) or 38 (sort) followed by code-3 PHP warnings.
 */
import type { SandboxShop } from './sandbox-shop.js';
import { type FieldDef, type FieldValue, type ResourceDef, scalarText } from './ws-resources.js';
import type { FilterOp, WsFilter, WsQuery } from './ws-query.js';
import { arrayOffsetWarnings, WsError } from './ws-error.js';

type Entity = { id: number };
type Field = FieldDef<Entity>;

export function selectEntities(shop: SandboxShop, resource: ResourceDef, query: WsQuery): Entity[] {
  const byName = new Map(resource.fields.map((field) => [field.name, field]));
  const filters = query.filters.map((filter) => {
    const field = byName.get(filter.field);
    // 8.2.1 answers an unknown field and a date field without `date=1` alike: 500, code 32, PHP warnings (`04b-*`).
    if (!field || field.notFilterable || (field.kind === 'date' && !query.date)) throw unknownFilter(resource, filter.field);
    return { field, filter };
  });
  const sorts = query.sort.map((sort) => {
    const field = byName.get(sort.field);
    if (!field || field.kind === 'lang' || (field.kind === 'date' && !query.date)) {
      throw new WsError(500, 38, `Unable to filter by this field. However, these are available: ${plainFields(resource).join(', ')}, for i18n fields:`, arrayOffsetWarnings());
    }
    return { field, desc: sort.desc };
  });

  let candidates: Iterable<Entity> = resource.all(shop);
  const idFilter = filters.find((x) => x.field.name === 'id' && x.filter.op.kind === 'eq');
  if (idFilter && resource.idOrderIsNatural) {
    // O(k) for `filter[id]=[5]` or `[1|2|3]` instead of a scan: the unsorted order is ascending id here.
    const ids = [...new Set((idFilter.filter.op as { values: string[] }).values.map(Number))].sort((a, b) => a - b);
    candidates = ids.map((id) => (Number.isInteger(id) ? resource.get(shop, id) : undefined)).filter((e): e is Entity => e !== undefined);
  }
  const languages = query.languages;
  let selected: Entity[] = [];
  for (const entity of candidates) {
    if (filters.every(({ field, filter }) => matches(field, field.get(entity), filter, languages))) selected.push(entity);
  }
  if (sorts.length > 0) selected = sortEntities(selected, sorts);
  if (query.limit) selected = selected.slice(query.limit.offset, query.limit.offset + query.limit.count);
  return selected;
}

/** Sorts by keys computed once per entity (numbers for ids, amounts and dates). */
function sortEntities(entities: Entity[], sorts: { field: Field; desc: boolean }[]): Entity[] {
  const directions = sorts.map((x) => (x.desc ? -1 : 1));
  const keyed = entities.map((entity) => ({ entity, keys: sorts.map(({ field }) => sortKey(field, field.get(entity))) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < directions.length; i++) {
      const x = a.keys[i] as number | string;
      const y = b.keys[i] as number | string;
      if (x !== y) return x < y ? -(directions[i] as number) : (directions[i] as number);
    }
    return 0;
  });
  return keyed.map((x) => x.entity);
}

/** The fields 8.2.1 lists in its filter errors: everything but dates (without `date=1`) and multilingual fields. */
function plainFields(resource: ResourceDef): string[] {
  return resource.fields.filter((x) => x.kind !== 'date' && x.kind !== 'lang').map((x) => x.name);
}

function unknownFilter(resource: ResourceDef, name: string): WsError {
  const fields = plainFields(resource);
  const guess = closest(name, fields);
  return new WsError(500, 32, `This filter does not exist. Did you mean: "${guess}"? The full list is: ${fields.map((f) => `"${f}"`).join(', ')}`, arrayOffsetWarnings());
}

/** PHP's levenshtein-based suggestion, near enough for an error text. */
function closest(name: string, candidates: string[]): string {
  let best = candidates[0] ?? '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = levenshtein(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

const numericKinds = new Set(['id', 'int', 'money', 'bool']);

function sortKey(field: Field, value: FieldValue): number | string {
  // Fast paths: most sorts are on ids and dates, which need no formatting.
  if (typeof value === 'number') return value;
  if (field.kind === 'date') return value === null ? 0 : dateNumber(value as string);
  const text = scalarText(field.kind, value);
  return numericKinds.has(field.kind) ? Number(text) : text.toLowerCase();
}

/** `2026-01-02 03:04:05` -> 20260102030405: numbers sort several times faster than strings. */
function dateNumber(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) n = n * 10 + digit;
  }
  return n;
}

function matches(field: Field, value: FieldValue, filter: WsFilter, languages: number[] | null): boolean {
  if (field.kind === 'lang') {
    const texts = value as Record<number, string>;
    const ids = languages ?? Object.keys(texts).map(Number);
    return ids.some((id) => compare('string', texts[id] ?? '', filter.op));
  }
  return compare(field.kind, scalarText(field.kind, value), filter.op);
}

function compare(kind: string, text: string, op: FilterOp): boolean {
  const numeric = numericKinds.has(kind);
  const norm = (v: string): number | string => {
    if (numeric) return Number(v);
    // MySQL reads '2026-01-01' as midnight when compared to a datetime.
    if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v} 00:00:00`;
    return v.toLowerCase();
  };
  const actual = norm(text);
  switch (op.kind) {
    case 'eq':
      return op.values.some((v) => norm(v) === actual);
    case 'ne':
      return op.values.every((v) => norm(v) !== actual);
    case 'range':
      return actual >= norm(op.from) && actual <= norm(op.to);
    case 'gt':
      return actual > norm(op.value);
    case 'lt':
      return actual < norm(op.value);
    case 'like': {
      const hay = text.toLowerCase();
      const needle = op.value.toLowerCase();
      if (op.prefix && op.suffix) return hay.includes(needle);
      if (op.suffix) return hay.startsWith(needle);
      if (op.prefix) return hay.endsWith(needle);
      return hay === needle;
    }
  }
}
