import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors.js';
import { findOrderDetail, listOrders, ORDERS_DEFAULT_LIMIT, ORDERS_MAX_LIMIT } from '../../orders/order-queries.js';
import { HttpError } from '../http-errors.js';
import type { RouteContext } from '../route-context.js';
import { bulkResult, bulkRow, idParams, idSchema, orderSummary, statusChangeResult, withErrors } from '../route-schemas.js';

const MAX_PAGE = 1_000_000;

interface BulkBody { orders: Array<{ id_order: number; id_order_state: number }>; force?: boolean; reason?: string }

/** An admin's override of the transition rules; the reason is stored with the history row. */
const overrideProperties = {
  force: { type: 'boolean', description: 'override the transition rules (needs reason)' },
  reason: { type: 'string', minLength: 1, maxLength: 500, description: 'why the rules are overridden; stored with the order history' },
} as const;

const override = (body: { force?: boolean; reason?: string }) => ({
  ...(body.force === undefined ? {} : { force: body.force }), ...(body.reason === undefined ? {} : { reason: body.reason }),
});

export function registerOrderRoutes(server: FastifyInstance, ctx: RouteContext): void {
  const { app, services } = ctx;
  const bulkMax = app.config.daemon.bulk_max_orders;

  server.get<{ Querystring: { page: number; limit: number; id_order_state?: number; id_store?: number; id_ecommerce_state?: number } }>('/api/v1/orders', {
    schema: {
      summary: 'A page of orders with their e-commerce state (newest first)',
      tags: ['orders'],
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 },
          limit: { type: 'integer', minimum: 1, maximum: ORDERS_MAX_LIMIT, default: ORDERS_DEFAULT_LIMIT },
          id_order_state: idSchema,
          id_store: idSchema,
          id_ecommerce_state: idSchema,
        },
      },
      responses: withErrors({
        200: {
          type: 'object',
          properties: { orders: { type: 'array', items: orderSummary }, total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' } },
        },
      }),
    },
  }, async (request) => {
    const q = request.query;
    return listOrders(app.db, { page: q.page, limit: q.limit, idOrderState: q.id_order_state, idStore: q.id_store, idEcommerceState: q.id_ecommerce_state });
  });

  server.get<{ Params: { id: number } }>('/api/v1/orders/:id', {
    schema: {
      summary: 'One order with customer, delivery address, rows and e-commerce state',
      tags: ['orders'],
      params: idParams,
      responses: withErrors({
        200: {
          ...orderSummary,
          properties: {
            ...orderSummary.properties,
            customer: { type: ['object', 'null'], additionalProperties: true },
            address_delivery: { type: ['object', 'null'], additionalProperties: true },
            order_details: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
        },
      }, 404),
    },
  }, async (request) => {
    const order = await findOrderDetail(app.db, request.params.id);
    if (!order) throw new NotFoundError('ORDER_NOT_FOUND', `order ${request.params.id} does not exist`);
    return order;
  });

  server.put<{ Params: { id: number }; Body: { id_order_state: number; force?: boolean; reason?: string } }>('/api/v1/orders/:id/status', {
    schema: {
      summary: 'Change the local state of an order; a matching trigger syncs it to the platform',
      tags: ['orders'],
      params: idParams,
      description: 'With transitions.mode enforce, a change the rules do not allow is a 409 INVALID_TRANSITION whose error.details.allowed_next lists the allowed next states; in warn mode it is applied and `warnings` says why.',
      body: { type: 'object', required: ['id_order_state'], properties: { id_order_state: idSchema, ...overrideProperties } },
      responses: withErrors({ 200: statusChangeResult }, 404, 409, 422),
    },
  }, async (request) => services.setOrderStatus(app, { orderId: request.params.id, state: request.body.id_order_state, ...override(request.body) }));

  server.post<{ Body: BulkBody | BulkBody['orders'] }>('/api/v1/orders/bulk-status', {
    schema: {
      summary: `Change the state of many orders: {"orders": [...]} or a bare list, at most ${bulkMax}`,
      tags: ['orders'],
      body: {
        anyOf: [
          { type: 'array', minItems: 1, items: bulkRow },
          { type: 'object', required: ['orders'], properties: { orders: { type: 'array', minItems: 1, items: bulkRow }, ...overrideProperties } },
        ],
      },
      responses: withErrors({ 200: bulkResult }, 413),
    },
    // Refuse oversized lists before validating thousands of rows.
    preValidation: async (request) => {
      const body = request.body as unknown;
      const rows = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { orders?: unknown }).orders) ? (body as { orders: unknown[] }).orders : null;
      if (rows && rows.length > bulkMax) {
        throw new HttpError(413, 'BULK_TOO_LARGE', `a bulk change takes at most ${bulkMax} orders, got ${rows.length}`, {
          hint: 'Split the list into several requests (daemon.bulk_max_orders sets the limit).',
        });
      }
    },
  }, async (request) => {
    const rows = Array.isArray(request.body) ? request.body : request.body.orders;
    const options = Array.isArray(request.body) ? {} : override(request.body);
    return services.bulkSetOrderStatus(app, rows.map((row) => ({ id_order: row.id_order, id_order_state: row.id_order_state })), options);
  });
}
