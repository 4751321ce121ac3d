import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/**
 * What a dialect choice looks like: asking whether rows can be locked, asking a Kysely instance
 * for its dialect, or comparing a dialect's name.
 */
const DIALECT_CHOICES: Array<[string, RegExp]> = [
  ['supportsRowLocks', /\bsupportsRowLocks\b/],
  ['dialectOf(', /\bdialectOf(Url)?\s*\(/],
  ['a comparison with a dialect name', /[=!]==?\s*['"](sqlite|postgres|mysql)['"]|['"](sqlite|postgres|mysql)['"]\s*[=!]==?/],
  ['a switch on the dialect', /\bcase\s+['"](sqlite|postgres|mysql)['"]\s*:/],
  ['an adapter check', /\binstanceof\s+(Postgres|Mysql|Sqlite)Adapter\b/],
];

export function dialectChoices(source: string): string[] {
  return DIALECT_CHOICES.filter(([, pattern]) => pattern.test(source)).map(([name]) => name);
}

describe('dialect-specific code lives in src/db only', () => {
  it('the scan sees every form of a dialect choice', () => {
    expect(dialectChoices("import { supportsRowLocks } from '../db/dialect.js';")).toEqual(['supportsRowLocks']);
    expect(dialectChoices('if (dialectOf(db) === "postgres") run();')).toEqual(['dialectOf(', 'a comparison with a dialect name']);
    expect(dialectChoices("if (app.dialect !== 'sqlite') lock();")).toEqual(['a comparison with a dialect name']);
    expect(dialectChoices("switch (dialect) { case 'mysql': break; }")).toEqual(['a switch on the dialect']);
    expect(dialectChoices('return adapter instanceof PostgresAdapter;')).toEqual(['an adapter check']);
    // Naming the dialect (printing it, passing it on) is no choice.
    expect(dialectChoices("json: { dialect: app.dialect }, text: `(${app.dialect})`")).toEqual([]);
  });

  it('no file outside src/db imports supportsRowLocks or branches on the dialect', () => {
    const files = tsFiles(SRC).filter((file) => !path.relative(SRC, file).startsWith(`db${path.sep}`));
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) => dialectChoices(readFileSync(file, 'utf8')).map((choice) => `${path.relative(SRC, file)}: ${choice}`));
    expect(offending).toEqual([]);
  });
});
