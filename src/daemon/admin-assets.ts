import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from './http-errors.js';

/**
 * Same-origin scripts and styles only, nothing inline, no framing: a page that holds the API token
 * must not run injected code or be embedded in another site's frame.
 */
export const ADMIN_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** dist/admin of the package, found from this module whether it runs bundled (dist/bundle), compiled (dist/src) or from source. */
export function findAdminAssetsDir(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ecom-sync') {
      const assets = path.join(dir, 'dist', 'admin');
      return existsSync(path.join(assets, 'index.html')) ? assets : null;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', ADMIN_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache');
}

/** The dashboard's static files at /admin/ (public: the page holds no data, the API it calls needs the token). */
export function registerAdminAssets(server: FastifyInstance, assetsDir: string | null = findAdminAssetsDir()): void {
  const send = async (reply: FastifyReply, file: string) => {
    if (!assetsDir) {
      throw new HttpError('ADMIN_NOT_BUILT', 'the admin dashboard is not built (dist/admin is missing)');
    }
    // Only plain names under the assets folder: no `..`, no hidden files.
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/.test(file) || !TYPES[path.extname(file)]) {
      throw new HttpError('ROUTE_NOT_FOUND', `no admin file ${file}`);
    }
    let body: Buffer;
    try {
      body = await readFile(path.join(assetsDir, file));
    } catch {
      throw new HttpError('ROUTE_NOT_FOUND', `no admin file ${file}`);
    }
    return secure(reply).type(TYPES[path.extname(file)] as string).send(body);
  };
  server.get('/admin', { config: { public: true } }, async (_request, reply) => secure(reply).redirect('/admin/', 301));
  server.get('/admin/', { config: { public: true } }, async (_request, reply) => send(reply, 'index.html'));
  server.get<{ Params: { '*': string } }>('/admin/*', { config: { public: true } }, async (request, reply) => send(reply, request.params['*']));
}
