import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';

/**
 * The TypeBox schemas shared by the routes: one declaration is the JSON Schema fastify + ajv validate
 * input with, the handler's types (through the TypeBox type provider) and the route's part of
 * /openapi.json (@fastify/swagger).
 *
 * Response schemas live under `responses` (not fastify's `response`): they document without
 * serializing. With `response`, fast-json-stringify would drop every field a schema does not
 * declare and coerce types, and several answers carry more than the spec lists (`changed`, `sync`,
 * `warnings`, the platform call of a dry run, the pre-serialized /api/v1/init body): the answers stay
 * exactly what the handlers return, and a test checks them against these schemas instead.
 *
 * The document is OpenAPI 3.0.3, so "or null" is `nullable: true` next to a `type`, never a
 * `type: [..., "null"]` array (3.1 only); ajv understands `nullable` too.
 */

/** Ids are INT columns: anything bigger cannot exist and is refused before reaching the database. */
export const MAX_ID = 2_147_483_647;

/** `T | null`, written the OpenAPI 3.0 way (`nullable: true`); the schema must have a `type`. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

/** Any JSON object; its fields are the handler's (documented by the route's summary). */
export const AnyObject = (options: { description?: string } = {}) => Type.Object({}, { additionalProperties: true, ...options });

/**
 * An object whose properties with a `default` are not required of the client, yet typed as always
 * there for the handler: ajv fills them in before the handler runs (useDefaults).
 */
export function withDefaults<T extends TObject>(schema: T): T {
  const required = (schema.required ?? []).filter((key) => !Object.hasOwn(schema.properties[key] ?? {}, 'default'));
  const { required: _required, ...rest } = schema;
  return (required.length > 0 ? { ...rest, required } : rest) as T;
}

/** `{ type: 'string', enum: [...] }` (one error message, a plain enum in the document) typed as the union. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** The statuses of a sync job. */
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed', 'superseded', 'cancelled'] as const;

export const idSchema = Type.Integer({ minimum: 1, maximum: MAX_ID });

export const idParams = Type.Object({ id: idSchema });

/** `true`/`false` or the spec's tinyint `0`/`1`. */
const zeroOrOne = Type.Unsafe<0 | 1>({ enum: [0, 1] });
export const flagSchema = Type.Union([Type.Boolean(), zeroOrOne]);
/** The same, or null (send_email: null follows the store's setting). */
export const nullableFlagSchema = Type.Union([Nullable(Type.Boolean()), zeroOrOne]);

export const errorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    hint: Type.Optional(Type.String()),
    request_id: Type.Optional(Type.String()),
    details: Type.Optional(AnyObject()),
  }),
}, { description: 'error' });

export const ecommerceStateRef = Nullable(Type.Object({
  id: Type.Integer({ description: 'ecommerce_order_states.id_ecommerce_order_state' }),
  state_name: Type.String(),
  id_platform_state: Type.Integer(),
  id_store: Type.Integer(),
}, { description: 'null when no platform state is assigned' }));

const orderSummaryProperties = {
  id_order: Type.Integer(),
  reference: Nullable(Type.String()),
  id_order_state: Type.Integer(),
  ecommerce_order_state: ecommerceStateRef,
  total_price_with_tax: Type.Number(),
  id_store: Nullable(Type.Integer()),
  id_origin: Nullable(Type.Integer()),
};

export const orderSummary = Type.Object(orderSummaryProperties, { additionalProperties: true });

const orderDetailProperties = {
  ...orderSummaryProperties,
  customer: Nullable(AnyObject()),
  address_delivery: Nullable(AnyObject()),
  order_details: Type.Array(AnyObject()),
};

export const orderDetail = Type.Object(orderDetailProperties, { additionalProperties: true });

/** The admin order page: the same order detail, with the order's pushes and sync log on top. */
export const orderDetailWithPushes = Type.Object({
  ...orderDetailProperties,
  history: Type.Array(AnyObject()),
  sync_jobs: Type.Array(AnyObject()),
  sync_log: Type.Array(AnyObject()),
}, { additionalProperties: true });

export const statusChangeResult = Type.Object({
  message: Type.String({ example: 'Stato ordine aggiornato con successo' }),
  id_order: Type.Integer(),
  old_state: Type.Integer(),
  new_state: Type.Integer(),
  changed: Type.Optional(Type.Boolean()),
  sync: Type.Optional(Nullable(AnyObject())),
}, { additionalProperties: true });

export const bulkRow = Type.Object({ id_order: idSchema, id_order_state: idSchema });

export const bulkResult = Type.Object({
  successful: Type.Array(AnyObject()),
  failed: Type.Array(AnyObject()),
  summary: Type.Object({ total: Type.Integer(), successful_count: Type.Integer(), failed_count: Type.Integer() }),
});

/** `{ [key]: [ {...}, ... ] }` */
export const listOf = (key: string, items: TSchema = AnyObject()) => Type.Object({ [key]: Type.Array(items) });

/** Standard error answers every protected route may give (400 and 401, plus the ones named). */
export function withErrors(responses: Record<number, TSchema>, ...statuses: number[]): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  // @fastify/swagger takes a response's description from its schema ("Default Response" without).
  for (const [status, schema] of Object.entries(responses)) out[status] = { ...schema, description: schema.description ?? 'success' };
  for (const status of [400, 401, ...statuses]) out[String(status)] = errorResponse;
  return out;
}
