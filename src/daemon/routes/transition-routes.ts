import type { FastifyInstance } from 'fastify';
import type { TransitionInput } from '../daemon-services.js';
import type { RouteContext } from '../route-context.js';
import { idSchema, withErrors } from '../route-schemas.js';

const stateType = { type: 'string', enum: ['order_state', 'shipping_state'] } as const;
/** A local state by id or exact name, as `orders set-status` takes it. */
const stateRef = { anyOf: [idSchema, { type: 'string', minLength: 1, maxLength: 100 }] } as const;
const rule = {
  type: 'object',
  properties: {
    state_type: stateType, id_state_from: { type: 'integer' }, from_name: { type: ['string', 'null'] }, id_state_to: { type: 'integer' }, to_name: { type: ['string', 'null'] },
  },
} as const;

interface RuleBody { state_type?: 'order_state' | 'shipping_state'; from: number | string; to: number | string; both_ways?: boolean }
interface RuleQuery { state_type?: 'order_state' | 'shipping_state'; from: string; to: string; both_ways?: 'true' | 'false' }

const input = (r: { state_type?: 'order_state' | 'shipping_state'; from: number | string; to: number | string }, bothWays: boolean): TransitionInput => ({
  ...(r.state_type === undefined ? {} : { stateType: r.state_type }), from: r.from, to: r.to, bothWays,
});

/** State transition rules: which local state may follow which (transitions.mode decides whether they are enforced). */
export function registerTransitionRoutes(server: FastifyInstance, ctx: RouteContext): void {
  const { app, services } = ctx;

  server.get<{ Querystring: { state_type?: 'order_state' | 'shipping_state' } }>('/api/v1/transitions', {
    schema: {
      summary: 'The allowed state transitions, transitions.mode, and the triggers towards a final platform state',
      tags: ['transitions'],
      querystring: { type: 'object', properties: { state_type: stateType } },
      responses: withErrors({
        200: {
          type: 'object',
          properties: {
            mode: { type: 'string', enum: ['off', 'warn', 'enforce'] },
            transitions: { type: 'array', items: rule },
            final_triggers: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
        },
      }),
    },
  }, async (request) => services.listTransitions(app, request.query.state_type === undefined ? {} : { stateType: request.query.state_type }));

  server.post<{ Body: RuleBody }>('/api/v1/transitions', {
    schema: {
      summary: 'Allow a transition (states by id or exact name); idempotent',
      tags: ['transitions'],
      body: {
        type: 'object',
        required: ['from', 'to'],
        properties: { state_type: { ...stateType, default: 'order_state' }, from: stateRef, to: stateRef, both_ways: { type: 'boolean', description: 'also allow to -> from' } },
      },
      responses: withErrors({ 201: { type: 'object', properties: { added: { type: 'array', items: rule }, already_allowed: { type: 'array', items: rule } } } }, 422),
    },
  }, async (request, reply) => reply.code(201).send(await services.allowTransition(app, input(request.body, request.body.both_ways === true))));

  server.delete<{ Querystring: RuleQuery }>('/api/v1/transitions', {
    schema: {
      summary: 'Remove an allowed transition: ?from=&to= (ids or exact names), optional state_type and both_ways=true',
      tags: ['transitions'],
      querystring: {
        type: 'object',
        required: ['from', 'to'],
        properties: { state_type: stateType, from: { type: 'string', minLength: 1, maxLength: 100 }, to: { type: 'string', minLength: 1, maxLength: 100 }, both_ways: { type: 'string', enum: ['true', 'false'] } },
      },
      responses: withErrors({ 200: { type: 'object', properties: { removed: { type: 'array', items: rule } } } }, 404, 422),
    },
  }, async (request) => services.denyTransition(app, input(request.query, request.query.both_ways === 'true')));
}
