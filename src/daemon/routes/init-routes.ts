import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';
import { withErrors } from '../route-schemas.js';

const list = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export function registerInitRoutes(server: FastifyInstance, ctx: RouteContext): void {
  server.get('/api/v1/init', {
    schema: {
      summary: 'Initialization data: platforms, languages, countries, local and e-commerce order states',
      tags: ['init'],
      responses: withErrors({
        200: {
          type: 'object',
          properties: {
            platforms: list, languages: list, countries: list, order_states: list, shipping_states: list,
            ecommerce_order_states: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id_ecommerce_order_state: { type: 'integer' }, id_platform_state: { type: 'integer' }, id_store: { type: 'integer' }, name: { type: 'string' },
                  platform_name: { type: 'string' }, is_deleted: { type: 'boolean' }, is_missing: { type: 'boolean' },
                },
              },
            },
            cache_info: { type: 'object', properties: { cached_at: { type: 'string' }, expires_at: { type: 'string' }, ttl_s: { type: 'integer' }, version: { type: ['string', 'null'] } } },
          },
        },
      }),
    },
  }, async (_request, reply) => reply.type('application/json; charset=utf-8').send(await ctx.initCache.getJson()));
}
