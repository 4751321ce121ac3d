import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.js';
import { findOrderDetail, ORDERS_DEFAULT_LIMIT, ORDERS_MAX_LIMIT } from '../../orders/order-queries.js';
import { HttpError } from '../http-errors.js';
import { createOrdersPageReader } from '../orders-page-cache.js';
import type { RouteContext } from '../route-context.js';
import { bulkResult, bulkRow, idParams, idSchema, orderDetail, orderSummary, statusChangeResult, withDefaults, withErrors } from '../route-schemas.js';

const MAX_PAGE = 1_000_000;

/** An admin's override of the transition rules; the reason is stored with the history row. */
const overrideProperties = {
  force: Type.Optional(Type.Boolean({ description: 'override the transition rules (needs reason)' })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the rules are overridden; stored with the order history' })),
};

const ordersQuery = withDefaults(Type.Object({
  page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }),
  limit: Type.Integer({ minimum: 1, maximum: ORDERS_MAX_LIMIT, default: ORDERS_DEFAULT_LIMIT }),
  id_order_state: Type.Optional(idSchema),
  id_store: Type.Optional(idSchema),
  id_ecommerce_state: Type.Optional(idSchema),
}));

const bulkBody = Type.Union([
  Type.Array(bulkRow, { minItems: 1 }),
  Type.Object({ orders: Type.Array(bulkRow, { minItems: 1 }), ...overrideProperties }),
]);
type BulkBody = Extract<Static<typeof bulkBody>, { orders: unknown }>;

const override = (body: { force?: boolean; reason?: string }) => ({
  ...(body.force === undefined ? {} : { force: body.force }), ...(body.reason === undefined ? {} : { reason: body.reason }),
});

export function registerOrderRoutes(fastify: FastifyInstance, ctx: RouteContext): void {
  const server = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { app, services } = ctx;
  const bulkMax = app.config.daemon.bulk_max_orders;
  const ordersPage = createOrdersPageReader(app.db);

  server.get('/api/v1/orders', {
    schema: {
      summary: 'A page of orders with their e-commerce state (newest first)',
      tags: ['orders'],
      querystring: ordersQuery,
      responses: withErrors({
        200: Type.Object({ orders: Type.Array(orderSummary), total: Type.Integer(), page: Type.Integer(), limit: Type.Integer() }),
      }),
    },
  }, async (request, reply) => {
    const q = request.query;
    const json = await ordersPage({ page: q.page, limit: q.limit, idOrderState: q.id_order_state, idStore: q.id_store, idEcommerceState: q.id_ecommerce_state });
    return reply.type('application/json; charset=utf-8').send(json);
  });

  server.get('/api/v1/orders/:id', {
    schema: {
      summary: 'One order with customer, delivery address, rows and e-commerce state',
      tags: ['orders'],
      params: idParams,
      responses: withErrors({ 200: orderDetail }, 404),
    },
  }, async (request) => {
    const order = await findOrderDetail(app.db, request.params.id);
    if (!order) throw fail('ORDER_NOT_FOUND', { id: request.params.id });
    return order;
  });

  server.put('/api/v1/orders/:id/status', {
    schema: {
      summary: 'Change the local state of an order; a matching trigger syncs it to the platform',
      tags: ['orders'],
      params: idParams,
      description: 'With transitions.mode enforce, a change the rules do not allow is a 409 INVALID_TRANSITION whose error.details.allowed_next lists the allowed next states; in warn mode it is applied and `warnings` says why.',
      body: Type.Object({ id_order_state: idSchema, ...overrideProperties }),
      responses: withErrors({ 200: statusChangeResult }, 404, 409, 422),
    },
  }, async (request) => services.setOrderStatus(app, { orderId: request.params.id, state: request.body.id_order_state, ...override(request.body) }));

  server.post('/api/v1/orders/bulk-status', {
    schema: {
      summary: `Change the state of many orders: {"orders": [...]} or a bare list, at most ${bulkMax}`,
      tags: ['orders'],
      body: bulkBody,
      responses: withErrors({ 200: bulkResult }, 413),
    },
    // Refuse oversized lists before validating thousands of rows.
    preValidation: async (request) => {
      const body = request.body as unknown;
      const rows = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { orders?: unknown }).orders) ? (body as { orders: unknown[] }).orders : null;
      if (rows && rows.length > bulkMax) {
        throw new HttpError('BULK_TOO_LARGE', `a bulk change takes at most ${bulkMax} orders, got ${rows.length}`);
      }
    },
  }, async (request) => {
    const rows = Array.isArray(request.body) ? request.body : request.body.orders;
    const options = Array.isArray(request.body) ? {} : override(request.body as BulkBody);
    return services.bulkSetOrderStatus(app, rows.map((row) => ({ id_order: row.id_order, id_order_state: row.id_order_state })), options);
  });
}
