import { existsSync, readFileSync } from 'node:fs';

/** ecom-sync's version from the nearest package.json: src/cli/ when run from source, dist/src/cli/ when built. */
export function packageVersion(): string {
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    const candidate = new URL('package.json', dir);
    if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}
