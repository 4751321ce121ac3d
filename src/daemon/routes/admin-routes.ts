import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { acceptPlatformState, pushLocalState } from '../../admin/drift-actions.js';
import { loadOverview } from '../../admin/admin-overview.js';
import { cancelJob, listQueue } from '../../admin/job-queue.js';
import { listDrift } from '../../admin/order-drift.js';
import { searchOrders } from '../../admin/order-search.js';
import { previewTriggerPush } from '../../admin/trigger-preview.js';
import { UsageError } from '../../errors.js';
import { showOrder } from '../../orders/show-order.js';
import { setOrderStatus } from '../../orders/set-order-status.js';
import { retryJobs } from '../../sync/retry-jobs.js';
import { updateTrigger } from '../../triggers/trigger-update.js';
import type { RouteContext } from '../route-context.js';
import {
  AnyObject, idParams, idSchema, JOB_STATUSES, listOf as list, MAX_ID, nullableFlagSchema as flagSchema, orderDetailWithPushes, statusChangeResult, StringEnum, withDefaults, withErrors,
} from '../route-schemas.js';

const anyObject = AnyObject();
const flag = (value: boolean | 0 | 1 | null | undefined) => (value === undefined || value === null ? value : value === true || value === 1);

/** `1,2,3` -> ids; anything else is a 400 naming the parameter. */
function parseIds(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').filter((part) => part !== '').map(Number);
  if (ids.length > 500 || ids.some((id) => !Number.isSafeInteger(id) || id < 1 || id > MAX_ID)) {
    throw new UsageError('INVALID_ARGUMENT', 'ids must be a comma-separated list of at most 500 job ids', { hint: 'Example: ?ids=12,13,14' });
  }
  return ids;
}

/** What the admin dashboard needs beyond the spec's routes: overview, queue, drift, previews. */
export function registerAdminRoutes(fastify: FastifyInstance, ctx: RouteContext): void {
  const server = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { app } = ctx;

  server.get('/api/v1/admin/overview', {
    schema: {
      summary: 'Stores with credentials and last pulls, sync queue counts, loops, orders in drift',
      tags: ['admin'],
      responses: withErrors({ 200: Type.Object({ stores: Type.Array(anyObject), queue: anyObject, drift: Type.Integer(), started_at: Type.String(), leader: Type.Boolean(), loops: anyObject }) }),
    },
  }, async () => ({ ...(await loadOverview(app)), started_at: ctx.status.started_at, leader: ctx.status.leader, loops: ctx.status.loops }));

  server.post('/api/v1/admin/triggers/preview', {
    schema: {
      summary: "What a trigger would push (the store's newest order as the example); validates like creating",
      tags: ['admin', 'triggers'],
      body: Type.Object({ id_store: idSchema, platform_state_id: idSchema, send_email: Type.Optional(flagSchema) }),
      responses: withErrors({ 200: anyObject }, 404, 422),
    },
  }, async (request) => previewTriggerPush(app, {
    storeId: request.body.id_store,
    platformStateId: request.body.platform_state_id,
    ...(request.body.send_email === undefined ? {} : { sendEmail: flag(request.body.send_email) as boolean | null }),
  }));

  server.patch('/api/v1/admin/triggers/:id', {
    schema: {
      summary: "Point a trigger to another platform state of its store, or change its e-mail switch",
      tags: ['admin', 'triggers'],
      params: idParams,
      body: Type.Object({ platform_state_id: Type.Optional(idSchema), send_email: Type.Optional(flagSchema) }),
      responses: withErrors({ 200: anyObject }, 404, 422),
    },
  }, async (request) => updateTrigger(app, request.params.id, {
    ...(request.body.platform_state_id === undefined ? {} : { platformStateId: request.body.platform_state_id }),
    ...(request.body.send_email === undefined ? {} : { sendEmail: flag(request.body.send_email) as boolean | null }),
  }));

  server.get('/api/v1/admin/jobs', {
    schema: {
      summary: 'Sync jobs newest first with store, order reference and state names; filters by status, store, order or ids',
      tags: ['admin', 'sync'],
      querystring: withDefaults(Type.Object({
        status: Type.Optional(StringEnum(JOB_STATUSES)),
        store: Type.Optional(idSchema),
        order: Type.Optional(idSchema),
        ids: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}(,[0-9]{1,10})*$', description: 'comma-separated job ids' })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
      })),
      responses: withErrors({ 200: list('jobs') }),
    },
  }, async (request) => {
    const q = request.query;
    const ids = parseIds(q.ids);
    return {
      jobs: await listQueue(app.db, {
        ...(q.status ? { status: q.status } : {}), ...(q.store ? { storeId: q.store } : {}), ...(q.order ? { orderId: q.order } : {}),
        ...(ids ? { ids } : {}), limit: q.limit,
      }),
    };
  });

  server.post('/api/v1/admin/jobs/retry-failed', {
    schema: {
      summary: 'Put every failed job back in the queue, due now; the worker delivers them (follow with ?ids=)',
      tags: ['admin', 'sync'],
      responses: withErrors({ 200: Type.Object({ requeued: Type.Array(Type.Integer()) }) }),
    },
  }, async () => {
    const result = await retryJobs(app, { failed: true });
    return { requeued: result.requeued };
  });

  server.post('/api/v1/admin/jobs/:id/cancel', {
    schema: { summary: 'Withdraw a pending or failed job', tags: ['admin', 'sync'], params: idParams, responses: withErrors({ 200: anyObject }, 404, 409) },
  }, async (request) => cancelJob(app, request.params.id));

  server.get('/api/v1/admin/orders', {
    schema: {
      summary: 'Orders by id, platform id or reference prefix, newest first',
      tags: ['admin', 'orders'],
      querystring: withDefaults(Type.Object({ q: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) })),
      responses: withErrors({ 200: list('orders') }),
    },
  }, async (request) => ({ orders: await searchOrders(app.db, request.query.q ?? '', request.query.limit) }));

  server.get('/api/v1/admin/orders/:id', {
    schema: {
      summary: 'One order with its local history, its pushes (sync jobs) and its sync log',
      tags: ['admin', 'orders'],
      params: idParams,
      responses: withErrors({ 200: orderDetailWithPushes }, 404),
    },
  }, async (request) => showOrder(app.db, request.params.id));

  server.post('/api/v1/admin/orders/:id/status-preview', {
    schema: {
      summary: 'Dry run of a state change: the trigger that matches and the exact platform call; changes nothing',
      tags: ['admin', 'orders'],
      params: idParams,
      body: Type.Object({ id_order_state: idSchema }),
      responses: withErrors({ 200: statusChangeResult }, 404, 422),
    },
  }, async (request) => setOrderStatus(app, { orderId: request.params.id, state: request.body.id_order_state, dryRun: true }));

  server.get('/api/v1/admin/drift', {
    schema: {
      summary: 'Orders whose platform state differs from what their local state maps to (no push pending)',
      tags: ['admin', 'orders'],
      querystring: withDefaults(Type.Object({ store: Type.Optional(idSchema), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }) })),
      responses: withErrors({ 200: list('orders') }),
    },
  }, async (request) => ({ orders: await listDrift(app.db, { ...(request.query.store ? { storeId: request.query.store } : {}), limit: request.query.limit }) }));

  server.post('/api/v1/admin/drift/:id/push-local', {
    schema: { summary: 'Queue a push of the local state to the platform', tags: ['admin', 'orders'], params: idParams, responses: withErrors({ 200: anyObject }, 409) },
  }, async (request) => pushLocalState(app, request.params.id));

  server.post('/api/v1/admin/drift/:id/accept-platform', {
    schema: { summary: "Take the platform's state as the local one (history recorded, nothing pushed)", tags: ['admin', 'orders'], params: idParams, responses: withErrors({ 200: statusChangeResult }, 409) },
  }, async (request) => acceptPlatformState(app, request.params.id));
}
