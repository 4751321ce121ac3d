import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';

/** The OpenAPI version served at /openapi.json; the route schemas use its nullable form (route-schemas.ts). */
export const OPENAPI_VERSION = '3.0.3';

/**
 * Per route: the documented answers (`responses`, kept out of fastify's serializing `response`, see
 * route-schemas.ts) become the operation's responses; public routes need no token; the dashboard's
 * static files (/admin/) are a web page, not part of the API.
 */
const transform: SwaggerTransform = ({ schema, url, route }) => {
  if (url === '/admin' || url.startsWith('/admin/')) return { schema: { ...schema, hide: true }, url };
  const { responses, ...rest }: FastifySchema = schema ?? {};
  return {
    url,
    schema: {
      ...rest,
      ...(responses ? { response: responses } : {}),
      security: route.config?.public ? [] : [{ bearer: [] }],
    },
  };
};

/**
 * Options of @fastify/swagger. It collects every route declared after it is registered (its onRoute
 * hook), so buildServer registers it at the root before the routes' plugin.
 */
export function openApiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: OPENAPI_VERSION,
      info: { title: 'ecom-sync REST API', version, description: 'Order states between the back office and its e-commerce platforms.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform,
  };
}
