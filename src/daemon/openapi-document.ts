import type { FastifySchema, RouteOptions } from 'fastify';

export interface DocumentedRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  isPublic: boolean;
}

/** `/api/v1/orders/:id` -> `/api/v1/orders/{id}` */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: FastifySchema | undefined): unknown[] {
  const out: unknown[] = [];
  for (const [part, location] of [['params', 'path'], ['querystring', 'query']] as const) {
    const s = schema?.[part] as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, property] of Object.entries(s?.properties ?? {})) {
      out.push({ name, in: location, required: location === 'path' || Boolean(s?.required?.includes(name)), schema: property });
    }
  }
  return out;
}

/** An OpenAPI 3.0 description generated from the routes' own validation schemas. */
export function buildOpenApiDocument(routes: DocumentedRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openapiPath(route.url);
    const responses = Object.fromEntries(Object.entries(route.schema?.responses ?? { 200: {} }).map(([status, schema]) => {
      const { description, ...body } = schema as { description?: string };
      return [status, { description: description ?? (status.startsWith('2') ? 'success' : 'error'), content: { 'application/json': { schema: body } } }];
    }));
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.schema?.summary ?? '',
      tags: route.schema?.tags ?? [],
      parameters: parameters(route.schema),
      ...(route.schema?.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.schema.body } } } } : {}),
      responses,
      security: route.isPublic ? [] : [{ bearer: [] }],
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'ecom-sync REST API', version, description: 'Order states between the back office and its e-commerce platforms.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

export function documentRoute(route: RouteOptions): DocumentedRoute[] {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
  return methods.map((method) => ({ method, url: route.url, schema: route.schema as FastifySchema | undefined, isPublic: Boolean(route.config?.public) }));
}
