import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';
import { AnyObject, Nullable, withErrors } from '../route-schemas.js';

const list = Type.Array(AnyObject());

const initData = Type.Object({
  platforms: list, languages: list, countries: list, order_states: list, shipping_states: list,
  ecommerce_order_states: Type.Array(Type.Object({
    id_ecommerce_order_state: Type.Integer(), id_platform_state: Type.Integer(), id_store: Type.Integer(), name: Type.String(),
    platform_name: Type.String(), is_deleted: Type.Boolean(), is_missing: Type.Boolean(),
  })),
  cache_info: Type.Object({
    cached_at: Type.String(), expires_at: Type.String(), ttl_s: Type.Integer(),
    version: Nullable(Type.String({ description: 'STATES_VERSION when the data was read; null before the first states pull' })),
  }),
});

export function registerInitRoutes(server: FastifyInstance, ctx: RouteContext): void {
  server.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/init', {
    schema: {
      summary: 'Initialization data: platforms, languages, countries, local and e-commerce order states',
      tags: ['init'],
      responses: withErrors({ 200: initData }),
    },
  }, async (_request, reply) => reply.type('application/json; charset=utf-8').send(await ctx.initCache.getJson()));
}
