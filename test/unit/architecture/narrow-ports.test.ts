import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');

/** Layers that take what they use (sync-deps.ts, pull-deps.ts, orders-deps.ts), never the whole App. */
const NARROW = ['sync', 'pull', 'orders'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Whether a source imports the App type (the composition root's whole shape) from app-types or app. */
export function importsApp(source: string): boolean {
  return [...source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"][./]*(?:\.\.\/)*app(?:-types)?\.js['"]/g)]
    .some((match) => match[1]!.split(',').map((name) => name.trim().replace(/^type\s+/, '')).includes('App'));
}

describe('narrow ports: sync, pull and orders take what they use', () => {
  it('the scan sees an App import in every form', () => {
    expect(importsApp("import type { App } from '../app-types.js';")).toBe(true);
    expect(importsApp("import { type App, type Clock } from '../app-types.js';")).toBe(true);
    expect(importsApp("import type { Clock } from '../app-types.js';")).toBe(false);
    expect(importsApp("import type { App } from '../app.js';")).toBe(true);
  });

  it(`no file under src/{${NARROW.join(',')}} takes the whole App`, () => {
    const files = NARROW.flatMap((dir) => tsFiles(path.join(SRC, dir)));
    expect(files.length).toBeGreaterThan(30);
    expect(files.filter((file) => importsApp(readFileSync(file, 'utf8'))).map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
