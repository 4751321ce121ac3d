// Bundles the CLI into dist/bundle/ so that `ecom-sync` starts fast: Kysely alone is ~290 ES
// modules, which Node 20 resolves and compiles one by one at every start (about 0.3 s); in one
// chunk it loads in a tenth of that. Commands stay lazily loaded: each dynamic import becomes its
// own chunk. Native and driver packages stay external and load from node_modules.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['better-sqlite3', 'pg', 'mysql2', 'fastify', 'undici'],
  // Bundled CommonJS packages (commander, cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __ecomSyncCreateRequire } from 'node:module'; const require = __ecomSyncCreateRequire(import.meta.url);" },
});

// The admin dashboard the daemon serves at /admin/: one script, one stylesheet, one page, all
// local (no CDN, nothing fetched at run time).
await mkdir('dist/admin', { recursive: true });
await build({
  entryPoints: { app: 'web/admin/src/main.tsx' },
  outdir: 'dist/admin',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: 'web/admin/tsconfig.json',
  logLevel: 'warning',
});
await copyFile('web/admin/index.html', 'dist/admin/index.html');
await copyFile('web/admin/app.css', 'dist/admin/app.css');
