import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AddressesTable, Database } from '../db/database-types.js';
import { isoFromPlatformDate, isoFromStored } from '../dates/iso-date.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The spec's `ecommerce_order_state` of an order: the local catalogue row, or null when none is assigned. */
export interface EcommerceOrderStateRef {
  /** ecommerce_order_states.id_ecommerce_order_state, the key orders.id_ecommerce_state points to. */
  id: number;
  state_name: string;
  id_platform_state: number;
  id_store: number;
}

/** One order as `GET /api/v1/orders` and `ecom-sync orders list --json` show it. */
export interface OrderSummary {
  id_order: number;
  id_origin: number | null;
  reference: string | null;
  id_store: number | null;
  store_name: string | null;
  id_platform: number | null;
  id_order_state: number;
  order_state_name: string | null;
  id_ecommerce_state: number | null;
  ecommerce_order_state: EcommerceOrderStateRef | null;
  id_customer: number | null;
  customer_name: string | null;
  id_address_delivery: number | null;
  id_address_invoice: number | null;
  id_shipping: number | null;
  payment: string | null;
  total_price_with_tax: number;
  total_price_without_tax: number;
  total_products: number;
  total_shipping: number;
  /** ISO 8601 with an offset (UTC): when the order was placed, when ecom-sync last changed its row. */
  date_add: string;
  date_upd: string;
  /** The platform's own last update of the order, with the shop's offset; null before the first pull. */
  platform_date_upd: string | null;
}

export interface OrderFilters {
  idOrderState?: number;
  idStore?: number;
  idEcommerceState?: number;
}

export interface OrderPage {
  orders: OrderSummary[];
  total: number;
  page: number;
  limit: number;
}

export const ORDERS_MAX_LIMIT = 100;
export const ORDERS_DEFAULT_LIMIT = 20;

function filtered(db: Db, filters: OrderFilters) {
  let query = db.selectFrom('orders');
  if (filters.idOrderState !== undefined) query = query.where('orders.id_order_state', '=', filters.idOrderState);
  if (filters.idStore !== undefined) query = query.where('orders.id_store', '=', filters.idStore);
  if (filters.idEcommerceState !== undefined) query = query.where('orders.id_ecommerce_state', '=', filters.idEcommerceState);
  return query;
}

/** Every column a summary needs, joined in one statement: the earlier implementation ran ~8 lookups per order. */
function selectSummaries(db: Db, filters: OrderFilters) {
  return filtered(db, filters)
    .leftJoin('ecommerce_order_states as eos', 'eos.id_ecommerce_order_state', 'orders.id_ecommerce_state')
    .leftJoin('order_states as os', 'os.id_order_state', 'orders.id_order_state')
    .leftJoin('stores as st', 'st.id_store', 'orders.id_store')
    .leftJoin('customers as cu', 'cu.id_customer', 'orders.id_customer')
    .select([
      'orders.id_order', 'orders.id_origin', 'orders.reference', 'orders.id_store', 'orders.id_platform', 'orders.id_order_state',
      'orders.id_ecommerce_state', 'orders.id_customer', 'orders.id_address_delivery', 'orders.id_address_invoice', 'orders.id_shipping',
      'orders.payment', 'orders.total_price_with_tax', 'orders.total_price_without_tax', 'orders.total_products', 'orders.total_shipping',
      'orders.date_add', 'orders.date_upd', 'orders.platform_date_upd',
      'os.name as order_state_name', 'st.name as store_name',
      'eos.id_ecommerce_order_state as eos_id', 'eos.name as eos_name', 'eos.id_platform_state as eos_platform_state', 'eos.id_store as eos_store',
      'cu.firstname as customer_firstname', 'cu.lastname as customer_lastname',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];

function toSummary(row: SummaryRow): OrderSummary {
  const customerName = [row.customer_firstname, row.customer_lastname].filter(Boolean).join(' ');
  return {
    id_order: row.id_order,
    id_origin: row.id_origin,
    reference: row.reference,
    id_store: row.id_store,
    store_name: row.store_name ?? null,
    id_platform: row.id_platform,
    id_order_state: row.id_order_state,
    order_state_name: row.order_state_name ?? null,
    id_ecommerce_state: row.id_ecommerce_state,
    ecommerce_order_state: row.eos_id === null || row.eos_id === undefined
      ? null
      : { id: row.eos_id, state_name: row.eos_name as string, id_platform_state: row.eos_platform_state as number, id_store: row.eos_store as number },
    id_customer: row.id_customer,
    customer_name: customerName || null,
    id_address_delivery: row.id_address_delivery,
    id_address_invoice: row.id_address_invoice,
    id_shipping: row.id_shipping,
    payment: row.payment,
    total_price_with_tax: Number(row.total_price_with_tax),
    total_price_without_tax: Number(row.total_price_without_tax),
    total_products: Number(row.total_products),
    total_shipping: Number(row.total_shipping),
    date_add: isoFromStored(row.date_add),
    date_upd: isoFromStored(row.date_upd),
    platform_date_upd: isoFromPlatformDate(row.platform_date_upd),
  };
}

/**
 * One page of orders, newest first, in exactly two statements (a count and a joined page query)
 * whatever the page size.
 */
export async function listOrders(db: Db, options: OrderFilters & { page?: number; limit?: number } = {}): Promise<OrderPage> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const limit = Math.min(ORDERS_MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? ORDERS_DEFAULT_LIMIT)));
  const counted = await filtered(db, options).select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  const rows = await selectSummaries(db, options)
    .orderBy('orders.id_order', 'desc')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  return { orders: rows.map(toSummary), total: Number(counted.count), page, limit };
}

export interface OrderDetail extends OrderSummary {
  customer: { id_customer: number; id_origin: number | null; firstname: string; lastname: string; email: string } | null;
  address_delivery: AddressView | null;
  address_invoice: AddressView | null;
  order_details: Array<{
    id_order_detail: number;
    id_origin: number | null;
    id_product: number | null;
    product_name: string;
    product_reference: string | null;
    product_qty: number;
    product_price: number;
    unit_price_tax_incl: number;
    unit_price_tax_excl: number;
  }>;
  shipment: { id_shipping: number; id_shipping_state: number; shipping_state_name: string | null; tracking: string | null; carrier_name: string | null } | null;
  history: OrderHistoryEntry[];
}

/** A row of the order's local history, as the spec's order detail lists it. */
export interface OrderHistoryEntry {
  id_order_state: number;
  state_name: string | null;
  date_add: string;
}

export type AddressView = Pick<
  Selectable<AddressesTable>,
  'id_address' | 'firstname' | 'lastname' | 'company' | 'address1' | 'address2' | 'postcode' | 'city' | 'id_country' | 'phone'
>;

async function addressById(db: Db, id: number | null): Promise<AddressView | null> {
  if (id === null) return null;
  const row = await db.selectFrom('addresses')
    .select(['id_address', 'firstname', 'lastname', 'company', 'address1', 'address2', 'postcode', 'city', 'id_country', 'phone'])
    .where('id_address', '=', id).executeTakeFirst();
  return row ?? null;
}

/** An order's detail and, per history row, the reason an admin gave when overriding the transition rules. */
export interface OrderDetailRead {
  detail: OrderDetail;
  historyReasons: Array<string | null>;
}

/**
 * The one reader of an order: `GET /api/v1/orders/{id}` returns its detail as the spec shapes
 * it; `orders show` and the admin page add their own parts on top (src/orders/show-order.ts).
 * A fixed handful of statements whatever the order holds. Undefined when the order does not exist.
 */
export async function readOrderDetail(db: Db, id: number): Promise<OrderDetailRead | undefined> {
  const row = await selectSummaries(db, {}).where('orders.id_order', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const summary = toSummary(row);
  const customer = summary.id_customer === null
    ? undefined
    : await db.selectFrom('customers').select(['id_customer', 'id_origin', 'firstname', 'lastname', 'email']).where('id_customer', '=', summary.id_customer).executeTakeFirst();
  const addressDelivery = await addressById(db, summary.id_address_delivery);
  const addressInvoice = summary.id_address_invoice === summary.id_address_delivery ? addressDelivery : await addressById(db, summary.id_address_invoice);
  const details = await db.selectFrom('order_details')
    .select(['id_order_detail', 'id_origin', 'id_product', 'product_name', 'product_reference', 'product_qty', 'product_price', 'unit_price_tax_incl', 'unit_price_tax_excl'])
    .where('id_order', '=', id).orderBy('id_order_detail').execute();
  const shipment = summary.id_shipping === null
    ? undefined
    : await db.selectFrom('shipments').leftJoin('shipping_state', 'shipping_state.id_shipping_state', 'shipments.id_shipping_state')
      .select(['shipments.id_shipping', 'shipments.id_shipping_state', 'shipping_state.name as shipping_state_name', 'shipments.tracking', 'shipments.carrier_name'])
      .where('shipments.id_shipping', '=', summary.id_shipping).executeTakeFirst();
  const history = await db.selectFrom('orders_history').leftJoin('order_states', 'order_states.id_order_state', 'orders_history.id_order_state')
    .select(['orders_history.id_order_state', 'order_states.name as state_name', 'orders_history.date_add', 'orders_history.reason'])
    .where('orders_history.id_order', '=', id).orderBy('orders_history.id_order_history').execute();
  const detail: OrderDetail = {
    ...summary,
    customer: customer ?? null,
    address_delivery: addressDelivery,
    address_invoice: addressInvoice,
    order_details: details.map((d) => ({
      ...d,
      product_qty: Number(d.product_qty),
      product_price: Number(d.product_price),
      unit_price_tax_incl: Number(d.unit_price_tax_incl),
      unit_price_tax_excl: Number(d.unit_price_tax_excl),
    })),
    shipment: shipment ? { ...shipment, shipping_state_name: shipment.shipping_state_name ?? null } : null,
    history: history.map((h) => ({ id_order_state: h.id_order_state, state_name: h.state_name ?? null, date_add: isoFromStored(h.date_add) })),
  };
  return { detail, historyReasons: history.map((h) => h.reason ?? null) };
}

/** The spec's order detail (REST); undefined when the order does not exist. */
export async function findOrderDetail(db: Db, id: number): Promise<OrderDetail | undefined> {
  return (await readOrderDetail(db, id))?.detail;
}
