import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/** Shopify's own introspection of the Admin API, shipped in the package (`assets/`, see its SOURCE note). */
export const ADMIN_SCHEMA_FILE = 'assets/shopify/admin-schema-2025-01.json.gz';
export const ADMIN_SCHEMA_VERSION = '2025-01';

/** The package root, found upwards from this module: works from src/, dist/ and the dist/bundle chunks. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, ADMIN_SCHEMA_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${ADMIN_SCHEMA_FILE} not found above ${fileURLToPath(import.meta.url)}: the package is incomplete`);
    dir = parent;
  }
}

let cached: GraphQLSchema | undefined;

/** Built once per process (about 0.3 s). */
export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  const raw = JSON.parse(gunzipSync(readFileSync(join(packageRoot(), ADMIN_SCHEMA_FILE))).toString('utf8')) as { data: IntrospectionQuery };
  cached = buildClientSchema(raw.data);
  return cached;
}
