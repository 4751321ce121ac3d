/**
 * JSON schemas shared by the routes. They validate input (fastify + ajv) and describe every route in
 * /openapi.json. Response schemas live under `responses` (not fastify's `response`) so that they
 * document without filtering: extra fields of a response are never stripped.
 */

/** Ids are INT columns: anything bigger cannot exist and is refused before reaching the database. */
export const MAX_ID = 2_147_483_647;

export const idSchema = { type: 'integer', minimum: 1, maximum: MAX_ID } as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: idSchema },
} as const;

export const errorResponse = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        hint: { type: 'string' },
        request_id: { type: 'string' },
      },
    },
  },
} as const;

export const ecommerceStateRef = {
  type: ['object', 'null'],
  description: 'null when no platform state is assigned',
  properties: {
    id: { type: 'integer', description: 'ecommerce_order_states.id_ecommerce_order_state' },
    state_name: { type: 'string' },
    id_platform_state: { type: 'integer' },
    id_store: { type: 'integer' },
  },
} as const;

export const orderSummary = {
  type: 'object',
  properties: {
    id_order: { type: 'integer' },
    reference: { type: ['string', 'null'] },
    id_order_state: { type: 'integer' },
    ecommerce_order_state: ecommerceStateRef,
    total_price_with_tax: { type: 'number' },
    id_store: { type: ['integer', 'null'] },
    id_origin: { type: ['integer', 'null'] },
  },
  additionalProperties: true,
} as const;

export const statusChangeResult = {
  type: 'object',
  properties: {
    message: { type: 'string', example: 'Stato ordine aggiornato con successo' },
    id_order: { type: 'integer' },
    old_state: { type: 'integer' },
    new_state: { type: 'integer' },
    changed: { type: 'boolean' },
    sync: { type: ['object', 'null'], additionalProperties: true },
  },
  additionalProperties: true,
} as const;

export const bulkRow = {
  type: 'object',
  required: ['id_order', 'id_order_state'],
  properties: { id_order: idSchema, id_order_state: idSchema },
} as const;

export const bulkResult = {
  type: 'object',
  properties: {
    successful: { type: 'array', items: { type: 'object', additionalProperties: true } },
    failed: { type: 'array', items: { type: 'object', additionalProperties: true } },
    summary: {
      type: 'object',
      properties: { total: { type: 'integer' }, successful_count: { type: 'integer' }, failed_count: { type: 'integer' } },
    },
  },
} as const;

/** Standard error answers every protected route may give. */
export function withErrors(responses: Record<string, unknown>, ...statuses: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...responses };
  for (const status of [400, 401, ...statuses]) out[String(status)] = { description: 'error', ...errorResponse };
  return out;
}
