import { readFile } from 'node:fs/promises';
import { KindGuard, type TSchema } from '@sinclair/typebox';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/config/config-schema.js';
import { defaultConfig } from '../../../src/config/defaults.js';

/** Every configuration key (the leaves of the schema) as a dotted path. */
function keyPaths(schema: TSchema, prefix = ''): string[] {
  if (!KindGuard.IsObject(schema)) return [prefix];
  return Object.entries(schema.properties).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), data);
}

/** A default as the README writes it: `[6, 7]`, `true`, `sqlite:./ecom-sync.db`; none for null. */
function asWritten(value: unknown): string {
  if (value === null) return 'none';
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

interface DocumentedRow {
  keys: string[];
  defaults: string;
}

/**
 * The rows of README.md's configuration table. A row may name several keys; `.shopify` after
 * `transitions.final_platform_states.prestashop` is short for a sibling of the key before it.
 */
function readmeRows(readme: string): DocumentedRow[] {
  const start = readme.indexOf('\n## Configuration\n');
  const section = readme.slice(start, readme.indexOf('\n### ', start));
  return section.split('\n').filter((line) => line.startsWith('| `')).map((line) => {
    const [keysCell = '', defaultsCell = ''] = line.split('|').slice(1).map((cell) => cell.trim());
    const keys: string[] = [];
    for (const [, name = ''] of keysCell.matchAll(/`([^`]+)`/g)) {
      const previous = keys.at(-1);
      keys.push(name.startsWith('.') && previous ? `${previous.slice(0, previous.lastIndexOf('.'))}${name}` : name);
    }
    return { keys, defaults: defaultsCell };
  });
}

describe('the documented configuration keys', () => {
  const keys = keyPaths(ConfigSchema);
  const defaults = defaultConfig();

  it('the schema has the keys it is known to have', () => {
    expect(keys.length).toBeGreaterThanOrEqual(39);
    expect(keys).toContain('sync.lease_ms');
    expect(keys).toContain('transitions.final_platform_states.woocommerce');
  });

  it('README.md\'s configuration table documents every key, with its default, and no key that does not exist', async () => {
    const rows = readmeRows(await readFile(new URL('../../../README.md', import.meta.url), 'utf8'));
    const documented = rows.flatMap((row) => row.keys);
    expect(keys.filter((key) => !documented.includes(key))).toEqual([]);
    expect(documented.filter((key) => !keys.includes(key))).toEqual([]);
    const wrongDefaults: string[] = [];
    for (const { keys: rowKeys, defaults: cell } of rows) {
      const written = [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      rowKeys.forEach((key, index) => {
        const expected = asWritten(valueAt(defaults, key));
        const shown = (written.length === rowKeys.length && written[index] === expected) || cell.includes(`(${expected})`) || (written.length === 0 && cell === expected);
        if (!shown) wrongDefaults.push(`${key}: README says ${cell}, the default is ${expected}`);
      });
    }
    expect(wrongDefaults).toEqual([]);
  });

  it('ecom-sync.config.yaml sets every key to its default and names no other', async () => {
    const example: unknown = parse(await readFile(new URL('../../../ecom-sync.config.yaml', import.meta.url), 'utf8'));
    expect(keys.filter((key) => valueAt(example, key) === undefined)).toEqual([]);
    expect(keys.map((key) => [key, valueAt(example, key)])).toEqual(keys.map((key) => [key, valueAt(defaults, key)]));
    expect(keyPaths(ConfigSchema).length).toBe(leafCount(example));
  });
});

function leafCount(data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 1;
  return Object.values(data).reduce<number>((sum, child) => sum + leafCount(child), 0);
}
