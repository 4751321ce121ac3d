import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');

/** The core: it reaches a platform only through the PlatformPort (src/platforms/platform-port.ts). */
const CORE = ['orders', 'triggers', 'sync', 'pull', 'daemon', 'admin', 'webhooks', 'transitions'];

/** Where a platform's own code lives: its client and its sandbox. */
const PLATFORM_FOLDERS = ['prestashop', 'sandbox', 'shopify', 'woocommerce', 'shopify-sandbox', 'woocommerce-sandbox'].map((name) => `platforms/${name}/`);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: `import … from`, `import type`, `export … from`, `import('…')`, side-effect imports. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The platform folder a specifier of `file` lands in (`platforms/shopify/`), or null. */
function platformFolderOf(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = `${path.relative(SRC, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/')}`;
  return PLATFORM_FOLDERS.find((folder) => `${target}/`.startsWith(folder)) ?? null;
}

describe('the core imports no platform', () => {
  it('the specifier scan sees every form of import', () => {
    const source = [
      "import { a } from '../platforms/shopify/index.js';",
      "import type { B } from \"../platforms/prestashop/prestashop-platform.js\";",
      "export { c } from '../platforms/woocommerce/woo-url.js';",
      "const d = await import('../platforms/sandbox/index.js');",
      "import '../platforms/shopify-sandbox/index.js';",
    ].join('\n');
    const file = path.join(SRC, 'sync', 'example.ts');
    expect(importSpecifiers(source).map((s) => platformFolderOf(file, s))).toEqual([
      'platforms/shopify/', 'platforms/prestashop/', 'platforms/woocommerce/', 'platforms/sandbox/', 'platforms/shopify-sandbox/',
    ]);
    // The port and the neutral helpers next to it are what the core may use.
    expect(platformFolderOf(file, '../platforms/platform-port.js')).toBeNull();
    expect(platformFolderOf(file, '../platforms/retry.js')).toBeNull();
  });

  it(`no file under src/{${CORE.join(',')}} imports from a platform's folder or a sandbox`, () => {
    const files = CORE.flatMap((dir) => tsFiles(path.join(SRC, dir)));
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => platformFolderOf(file, specifier) !== null)
        .map((specifier) => `${path.relative(SRC, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
