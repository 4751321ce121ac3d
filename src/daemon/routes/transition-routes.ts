import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TransitionInput } from '../daemon-services.js';
import type { RouteContext } from '../route-context.js';
import { AnyObject, idSchema, Nullable, StringEnum, withErrors } from '../route-schemas.js';

const STATE_TYPES = ['order_state', 'shipping_state'] as const;
const stateType = StringEnum(STATE_TYPES);
/** A local state by id or exact name, as `orders set-status` takes it. */
const stateRef = Type.Union([idSchema, Type.String({ minLength: 1, maxLength: 100 })]);
const rule = Type.Object({
  state_type: stateType, id_state_from: Type.Integer(), from_name: Nullable(Type.String()), id_state_to: Type.Integer(), to_name: Nullable(Type.String()),
});

const input = (r: { state_type?: (typeof STATE_TYPES)[number]; from: number | string; to: number | string }, bothWays: boolean): TransitionInput => ({
  ...(r.state_type === undefined ? {} : { stateType: r.state_type }), from: r.from, to: r.to, bothWays,
});

/** State transition rules: which local state may follow which (transitions.mode decides whether they are enforced). */
export function registerTransitionRoutes(fastify: FastifyInstance, ctx: RouteContext): void {
  const server = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { app, services } = ctx;

  server.get('/api/v1/transitions', {
    schema: {
      summary: 'The allowed state transitions, transitions.mode, and the triggers towards a final platform state',
      tags: ['transitions'],
      querystring: Type.Object({ state_type: Type.Optional(stateType) }),
      responses: withErrors({
        200: Type.Object({
          mode: StringEnum(['off', 'warn', 'enforce'] as const),
          transitions: Type.Array(rule),
          final_triggers: Type.Array(AnyObject()),
        }),
      }),
    },
  }, async (request) => services.listTransitions(app, request.query.state_type === undefined ? {} : { stateType: request.query.state_type }));

  server.post('/api/v1/transitions', {
    schema: {
      summary: 'Allow a transition (states by id or exact name); idempotent',
      tags: ['transitions'],
      body: Type.Object({
        state_type: Type.Optional(StringEnum(STATE_TYPES, { default: 'order_state' })),
        from: stateRef,
        to: stateRef,
        both_ways: Type.Optional(Type.Boolean({ description: 'also allow to -> from' })),
      }),
      responses: withErrors({ 201: Type.Object({ added: Type.Array(rule), already_allowed: Type.Array(rule) }) }, 422),
    },
  }, async (request, reply) => reply.code(201).send(await services.allowTransition(app, input(request.body, request.body.both_ways === true))));

  server.delete('/api/v1/transitions', {
    schema: {
      summary: 'Remove an allowed transition: ?from=&to= (ids or exact names), optional state_type and both_ways=true',
      tags: ['transitions'],
      querystring: Type.Object({
        state_type: Type.Optional(stateType),
        from: Type.String({ minLength: 1, maxLength: 100 }),
        to: Type.String({ minLength: 1, maxLength: 100 }),
        both_ways: Type.Optional(StringEnum(['true', 'false'] as const)),
      }),
      responses: withErrors({ 200: Type.Object({ removed: Type.Array(rule) }) }, 404, 422),
    },
  }, async (request) => services.denyTransition(app, input(request.query, request.query.both_ways === 'true')));
}
