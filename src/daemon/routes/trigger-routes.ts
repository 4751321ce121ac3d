import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { UsageError, ValidationError } from '../../errors.js';
import type { App } from '../../app-types.js';
import type { RouteContext } from '../route-context.js';
import { AnyObject, flagSchema, idParams, idSchema, MAX_ID, nullableFlagSchema, StringEnum, withErrors } from '../route-schemas.js';

const trigger = AnyObject({ description: 'a platform_state_triggers row with its state names' });

const triggerBody = Type.Object({
  id_store: idSchema,
  event_type: Type.Optional(StringEnum(['order_status_changed', 'shipping_status_changed'] as const, { default: 'order_status_changed' })),
  state_type: Type.Optional(StringEnum(['order_state', 'shipping_state'] as const)),
  id_state_local: idSchema,
  id_state_platform: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'ecommerce_order_states.id_ecommerce_order_state (the spec column)' })),
  platform_state_id: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: "or the platform's own state id" })),
  is_active: Type.Optional(flagSchema),
  send_email: Type.Optional(nullableFlagSchema),
});
type TriggerBody = Static<typeof triggerBody>;

/**
 * The spec's `id_state_platform` is the local ecommerce_order_states id; the trigger service takes the
 * platform's own id. Either may be sent; the local one must belong to the trigger's store.
 */
async function platformStateIdOf(app: App, body: TriggerBody): Promise<number> {
  if ((body.id_state_platform === undefined) === (body.platform_state_id === undefined)) {
    throw new UsageError('INVALID_ARGUMENT', 'give either id_state_platform (ecommerce_order_states id) or platform_state_id (the platform\'s own id)');
  }
  if (body.platform_state_id !== undefined) return body.platform_state_id;
  const row = await app.db.selectFrom('ecommerce_order_states').select(['id_platform_state', 'id_store'])
    .where('id_ecommerce_order_state', '=', body.id_state_platform as number).executeTakeFirst();
  if (!row) {
    throw new ValidationError('PLATFORM_STATE_NOT_FOUND', `e-commerce order state ${body.id_state_platform} does not exist`, { hint: 'GET /api/v1/init lists ecommerce_order_states with their id_ecommerce_order_state.' });
  }
  if (row.id_store !== body.id_store) {
    throw new ValidationError('PLATFORM_STATE_OTHER_STORE', `e-commerce order state ${body.id_state_platform} belongs to store ${row.id_store}, not ${body.id_store}`);
  }
  return row.id_platform_state;
}

const flag = (value: boolean | 0 | 1 | null | undefined) => (value === undefined || value === null ? value : value === true || value === 1);

/** Beyond the spec (its "future enhancements"): CRUD for platform_state_triggers. */
export function registerTriggerRoutes(fastify: FastifyInstance, ctx: RouteContext): void {
  const server = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { app, services } = ctx;

  server.get('/api/v1/triggers', {
    schema: {
      summary: 'Triggers (local state -> platform state), optionally of one store',
      tags: ['triggers'],
      querystring: Type.Object({ id_store: Type.Optional(idSchema) }),
      responses: withErrors({ 200: Type.Object({ triggers: Type.Array(trigger) }) }),
    },
  }, async (request) => ({ triggers: await services.listTriggers(app, request.query.id_store === undefined ? {} : { storeId: request.query.id_store }) }));

  server.post('/api/v1/triggers', {
    schema: {
      summary: 'Create a trigger; id_state_platform is ecommerce_order_states.id_ecommerce_order_state of the same store',
      tags: ['triggers'],
      body: triggerBody,
      responses: withErrors({ 201: trigger }, 404, 409, 422),
    },
  }, async (request, reply) => {
    const body = request.body;
    const eventType = body.event_type ?? 'order_status_changed';
    const created = await services.createTrigger(app, {
      storeId: body.id_store,
      eventType,
      localStateId: body.id_state_local,
      ...(body.state_type === undefined ? {} : { stateType: body.state_type }),
      platformStateId: await platformStateIdOf(app, body),
      ...(body.is_active === undefined ? {} : { active: flag(body.is_active) as boolean }),
      ...(body.send_email === undefined ? {} : { sendEmail: flag(body.send_email) as boolean | null }),
    });
    return reply.code(201).send(created);
  });

  server.get('/api/v1/triggers/:id', {
    schema: { summary: 'One trigger', tags: ['triggers'], params: idParams, responses: withErrors({ 200: trigger }, 404) },
  }, async (request) => services.getTrigger(app, request.params.id));

  server.patch('/api/v1/triggers/:id', {
    schema: {
      summary: 'Activate or deactivate a trigger',
      tags: ['triggers'],
      params: idParams,
      body: Type.Object({ is_active: flagSchema }),
      responses: withErrors({ 200: trigger }, 404, 409),
    },
  }, async (request) => services.setTriggerActive(app, request.params.id, flag(request.body.is_active) as boolean));

  server.delete('/api/v1/triggers/:id', {
    schema: {
      summary: 'Remove a trigger',
      tags: ['triggers'],
      params: idParams,
      responses: withErrors({ 200: Type.Object({ removed: Type.Integer() }) }, 404),
    },
  }, async (request) => {
    await services.removeTrigger(app, request.params.id);
    return { removed: request.params.id };
  });
}
