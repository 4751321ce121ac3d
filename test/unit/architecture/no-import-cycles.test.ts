import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// madge ships no type declarations: the part of its API this test uses.
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
type Madge = (root: string, config: { fileExtensions: string[]; tsConfig: string; baseDir: string }) => Promise<MadgeResult>;
const madge = createRequire(import.meta.url)('madge') as Madge;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('src/ import graph', () => {
  // Type imports and dynamic imports count (madge's defaults): `import type { App } from '../app.js'`
  // in a module the composition root loads was such a cycle; the shapes live in src/app-types.ts.
  it('has no import cycle', async () => {
    const graph = await madge(path.join(REPO_ROOT, 'src'), {
      fileExtensions: ['ts'],
      tsConfig: path.join(REPO_ROOT, 'tsconfig.json'),
      baseDir: path.join(REPO_ROOT, 'src'),
    });
    // The `.js` specifiers resolve to the `.ts` files (or the graph would be empty and prove nothing).
    const files = graph.obj();
    expect(files['app.ts']).toEqual(expect.arrayContaining(['app-types.ts', 'events/register-event-handlers.ts']));
    expect(Object.keys(files).length).toBeGreaterThan(100);

    expect(graph.circular().map((cycle) => cycle.join(' > '))).toEqual([]);
  }, 120_000);
});
