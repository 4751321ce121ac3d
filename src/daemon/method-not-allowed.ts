import type { FastifyInstance, RouteOptions } from 'fastify';

interface KnownRoute { method: string; pattern: RegExp }

function patternOf(url: string): RegExp {
  const escaped = url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Remembers every route so that a request to a known path with another method can be answered
 * 405 with `Allow` instead of 404. Register before the routes; call `allowedMethods(path)`.
 */
export function trackRouteMethods(server: FastifyInstance): (path: string) => string[] {
  const routes: KnownRoute[] = [];
  server.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: String(method).toUpperCase(), pattern: patternOf(route.url) });
  });
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
}
