import { chunks } from '../chunks.js';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, OrderDetailsTable, OrdersTable } from '../db/database-types.js';
import type { PlatformAddress, PlatformCustomer, PlatformOrder } from '../platforms/platform.js';
import type { StoreRow } from '../stores/store-repository.js';
import { bulkUpdate, type BulkUpdateRow } from './bulk-update.js';

type Trx = Kysely<Database> | Transaction<Database>;

export interface OrderDrift {
  id_order: number;
  id_origin: number;
  reference: string | null;
  /** The local id_order_state, left alone. */
  local_state: number;
  /** Platform state ids (PrestaShop's), before and now. */
  platform_state_before: number | null;
  platform_state_now: number;
}

export interface PageImportResult {
  created: number;
  updated: number;
  unchanged: number;
  drift: OrderDrift[];
  /** Platform ids of orders whose new platform state is the target of ecom-sync's own last push: not drift. */
  ownPushes: number[];
}

export interface PageImportInput {
  store: StoreRow;
  orders: readonly PlatformOrder[];
  customers: readonly PlatformCustomer[];
  addresses: readonly PlatformAddress[];
  /** Platform state id -> ecommerce_order_states id of this store, and back. */
  stateIds: ReadonlyMap<number, number>;
  platformIdOf: ReadonlyMap<number, number>;
  initialState: number;
  /** UTC `YYYY-MM-DD HH:MM:SS` for local timestamps. */
  now: string;
  /**
   * orders.platform_date_upd of an order: the platform's own date_upd, ISO 8601 with an offset.
   * The orders' `dateAdd` is UTC `YYYY-MM-DD HH:MM:SS` by then: callers convert at the edge.
   */
  platformDateOf: (order: PlatformOrder) => string | null;
}

// Rows per INSERT: a page (≤ 100 orders and their rows) fits in one statement on every dialect
// (SQLite allows 32,766 parameters, PostgreSQL and MySQL 65,535).
const INSERT_CHUNK = 1000;
/** What a caller passes as `dateAdd`: UTC `YYYY-MM-DD HH:MM:SS` (0000-… means the platform did not say). */
const UTC_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const cut = (value: string, max: number): string => value.slice(0, max);
const cutOrNull = (value: string, max: number): string | null => (value === '' ? null : value.slice(0, max));
const sameNumber = (a: unknown, b: number | null): boolean => (a === null || a === undefined ? b === null : b !== null && Math.abs(Number(a) - b) < 1e-6);

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (const part of chunks(rows, INSERT_CHUNK)) await insert(part);
}

/** Platform customers upserted by (store, id_origin); returns id_origin -> local id. */
async function upsertCustomers(trx: Trx, storeId: number, customers: readonly PlatformCustomer[], now: string): Promise<Map<number, number>> {
  const ids = customers.map((c) => c.id);
  if (ids.length === 0) return new Map();
  const existing = await trx.selectFrom('customers').select(['id_customer', 'id_origin', 'firstname', 'lastname', 'email'])
    .where('id_store', '=', storeId).where('id_origin', 'in', ids).execute();
  const byOrigin = new Map(existing.map((row) => [row.id_origin!, row]));
  const values = (c: PlatformCustomer) => ({ firstname: cut(c.firstname, 100), lastname: cut(c.lastname, 100), email: cut(c.email, 255) });
  const fresh = customers.filter((c) => !byOrigin.has(c.id));
  await insertChunks(fresh, (chunk) => trx.insertInto('customers').values(chunk.map((c) => ({ ...values(c), id_origin: c.id, id_store: storeId, date_add: now, date_upd: now }))).execute());
  const changed: BulkUpdateRow[] = [];
  for (const c of customers) {
    const row = byOrigin.get(c.id);
    const v = values(c);
    if (row && (row.firstname !== v.firstname || row.lastname !== v.lastname || row.email !== v.email)) changed.push({ key: row.id_customer, values: v });
  }
  await bulkUpdate(trx, 'customers', 'id_customer', { firstname: 'text', lastname: 'text', email: 'text' }, changed, { date_upd: now });
  const map = new Map(existing.map((row) => [row.id_origin!, row.id_customer]));
  if (fresh.length > 0) {
    const created = await trx.selectFrom('customers').select(['id_customer', 'id_origin']).where('id_store', '=', storeId).where('id_origin', 'in', fresh.map((c) => c.id)).execute();
    for (const row of created) map.set(row.id_origin!, row.id_customer);
  }
  return map;
}

/** Platform addresses upserted by (store, id_origin); returns id_origin -> local id. */
async function upsertAddresses(trx: Trx, storeId: number, addresses: readonly PlatformAddress[], customerIds: ReadonlyMap<number, number>, now: string): Promise<Map<number, number>> {
  const ids = addresses.map((a) => a.id);
  if (ids.length === 0) return new Map();
  const existing = await trx.selectFrom('addresses')
    .select(['id_address', 'id_origin', 'id_customer', 'firstname', 'lastname', 'company', 'address1', 'address2', 'postcode', 'city', 'id_country', 'phone'])
    .where('id_store', '=', storeId).where('id_origin', 'in', ids).execute();
  const byOrigin = new Map(existing.map((row) => [row.id_origin!, row]));
  const values = (a: PlatformAddress) => ({
    id_customer: customerIds.get(a.idCustomer) ?? null,
    firstname: cut(a.firstname, 100), lastname: cut(a.lastname, 100), company: cutOrNull(a.company, 255),
    address1: cut(a.address1, 255), address2: cutOrNull(a.address2, 255), postcode: cut(a.postcode, 20), city: cut(a.city, 100),
    id_country: a.idCountry > 0 ? a.idCountry : null, phone: cutOrNull(a.phone, 50),
  });
  const fresh = addresses.filter((a) => !byOrigin.has(a.id));
  await insertChunks(fresh, (chunk) => trx.insertInto('addresses').values(chunk.map((a) => ({ ...values(a), id_origin: a.id, id_store: storeId, date_add: now, date_upd: now }))).execute());
  const changed: BulkUpdateRow[] = [];
  for (const a of addresses) {
    const row = byOrigin.get(a.id);
    if (!row) continue;
    const v = values(a);
    const same = (Object.keys(v) as Array<keyof typeof v>).every((k) => (typeof v[k] === 'number' || v[k] === null ? sameNumber(row[k], v[k] as number | null) || row[k] === v[k] : row[k] === v[k]));
    if (!same) changed.push({ key: row.id_address, values: v });
  }
  await bulkUpdate(trx, 'addresses', 'id_address', {
    id_customer: 'number', firstname: 'text', lastname: 'text', company: 'text', address1: 'text', address2: 'text', postcode: 'text', city: 'text', id_country: 'number', phone: 'text',
  }, changed, { date_upd: now });
  const map = new Map(existing.map((row) => [row.id_origin!, row.id_address]));
  if (fresh.length > 0) {
    const created = await trx.selectFrom('addresses').select(['id_address', 'id_origin']).where('id_store', '=', storeId).where('id_origin', 'in', fresh.map((a) => a.id)).execute();
    for (const row of created) map.set(row.id_origin!, row.id_address);
  }
  return map;
}

/** Products seen in order rows, by (store, id_origin); new ones start with quantity 0 (stock is managed locally). */
async function ensureProducts(trx: Trx, storeId: number, orders: readonly PlatformOrder[], now: string): Promise<Map<number, number>> {
  const seen = new Map<number, { name: string; reference: string }>();
  for (const order of orders) for (const row of order.rows) if (row.productId > 0 && !seen.has(row.productId)) seen.set(row.productId, { name: row.name, reference: row.reference });
  if (seen.size === 0) return new Map();
  const ids = [...seen.keys()];
  const existing = await trx.selectFrom('products').select(['id_product', 'id_origin']).where('id_store', '=', storeId).where('id_origin', 'in', ids).execute();
  const map = new Map(existing.map((row) => [row.id_origin!, row.id_product]));
  const fresh = ids.filter((id) => !map.has(id));
  await insertChunks(fresh, (chunk) => trx.insertInto('products').values(chunk.map((id) => ({
    id_origin: id, id_store: storeId, name: cut(seen.get(id)!.name || `#${id}`, 255), reference: cutOrNull(seen.get(id)!.reference, 100), quantity: 0, date_add: now, date_upd: now,
  }))).execute());
  if (fresh.length > 0) {
    const created = await trx.selectFrom('products').select(['id_product', 'id_origin']).where('id_store', '=', storeId).where('id_origin', 'in', fresh).execute();
    for (const row of created) map.set(row.id_origin!, row.id_product);
  }
  return map;
}

/**
 * A platform state equal to the target of the order's last sync job (pending, running or done) is
 * ecom-sync's own push coming back (a webhook or pull that overtook the job's bookkeeping): not drift.
 */
async function setOwnPushesApart(trx: Trx, result: PageImportResult, newState: ReadonlyMap<number, number | null>): Promise<void> {
  const jobs = await trx.selectFrom('sync_jobs').select(['id_order', 'id_ecommerce_order_state'])
    .where('id_order', 'in', result.drift.map((d) => d.id_order)).where('status', 'in', ['pending', 'running', 'done'])
    .orderBy('id_sync_job').execute();
  const lastTarget = new Map(jobs.map((job) => [job.id_order, job.id_ecommerce_order_state]));
  result.drift = result.drift.filter((d) => {
    const own = lastTarget.has(d.id_order) && lastTarget.get(d.id_order) === newState.get(d.id_origin);
    if (own) result.ownPushes.push(d.id_origin);
    return !own;
  });
}

const ORDER_NUMBER_COLUMNS = ['id_ecommerce_state', 'id_customer', 'id_address_delivery', 'id_address_invoice', 'total_price_with_tax', 'total_price_without_tax', 'total_products', 'total_shipping'] as const;
const ORDER_TEXT_COLUMNS = ['reference', 'payment', 'platform_date_upd'] as const;
type OrderValues = Pick<Insertable<OrdersTable>, (typeof ORDER_NUMBER_COLUMNS)[number] | (typeof ORDER_TEXT_COLUMNS)[number]>;

const DETAIL_NUMBER_COLUMNS = ['id_product', 'product_qty', 'product_price', 'unit_price_tax_incl', 'unit_price_tax_excl'] as const;
const DETAIL_TEXT_COLUMNS = ['product_name', 'product_reference'] as const;

/**
 * One page of platform orders into the database with a fixed number of queries, whatever the
 * page size: customers, addresses, products, orders, their history and details are each read
 * once, inserted in one statement and updated in one statement. Runs inside the caller's
 * transaction.
 */
export async function importOrdersPage(trx: Trx, input: PageImportInput): Promise<PageImportResult> {
  const { store, orders, now } = input;
  const storeId = store.id_store;
  const customerIds = await upsertCustomers(trx, storeId, input.customers, now);
  const addressIds = await upsertAddresses(trx, storeId, input.addresses, customerIds, now);
  const productIds = await ensureProducts(trx, storeId, orders, now);

  const origins = orders.map((o) => o.id);
  const existing = await trx.selectFrom('orders')
    .select(['id_order', 'id_origin', 'id_order_state', ...ORDER_NUMBER_COLUMNS, ...ORDER_TEXT_COLUMNS])
    .where('id_store', '=', storeId).where('id_origin', 'in', origins).execute();
  const byOrigin = new Map(existing.map((row) => [row.id_origin!, row]));

  const values = (o: PlatformOrder): OrderValues => ({
    id_ecommerce_state: input.stateIds.get(o.currentState) ?? null,
    id_customer: customerIds.get(o.idCustomer) ?? null,
    id_address_delivery: addressIds.get(o.idAddressDelivery) ?? null,
    id_address_invoice: addressIds.get(o.idAddressInvoice) ?? null,
    total_price_with_tax: o.totalPaidTaxIncl,
    total_price_without_tax: o.totalPaidTaxExcl,
    total_products: o.totalProducts,
    total_shipping: o.totalShipping,
    reference: cutOrNull(o.reference, 32),
    payment: cutOrNull(o.payment, 100),
    platform_date_upd: input.platformDateOf(o),
  });

  const result: PageImportResult = { created: 0, updated: 0, unchanged: 0, drift: [], ownPushes: [] };
  const fresh: PlatformOrder[] = [];
  const changedOrders: BulkUpdateRow[] = [];
  const changedIds = new Set<number>();
  for (const order of orders) {
    const row = byOrigin.get(order.id);
    if (!row) {
      fresh.push(order);
      continue;
    }
    const v = values(order);
    const same = ORDER_NUMBER_COLUMNS.every((k) => sameNumber(row[k], (v[k] ?? null) as number | null)) && ORDER_TEXT_COLUMNS.every((k) => (row[k] ?? null) === (v[k] ?? null));
    if (!same) {
      changedOrders.push({ key: row.id_order, values: v as Record<string, string | number | null> });
      changedIds.add(row.id_order);
    }
    // The platform moved the order since the last pull (someone changed it in the shop's back office).
    if (row.id_ecommerce_state !== null && v.id_ecommerce_state !== row.id_ecommerce_state) {
      result.drift.push({
        id_order: row.id_order, id_origin: order.id, reference: row.reference, local_state: row.id_order_state,
        platform_state_before: input.platformIdOf.get(row.id_ecommerce_state) ?? null, platform_state_now: order.currentState,
      });
    }
  }

  if (result.drift.length > 0) await setOwnPushesApart(trx, result, new Map(orders.map((o) => [o.id, input.stateIds.get(o.currentState) ?? null])));

  await insertChunks(fresh, (chunk) => trx.insertInto('orders').values(chunk.map((o) => ({
    ...values(o),
    id_origin: o.id,
    id_platform: store.id_platform,
    id_store: storeId,
    id_order_state: input.initialState,
    date_add: UTC_DATETIME.test(o.dateAdd) && !o.dateAdd.startsWith('0000') ? o.dateAdd : now,
    date_upd: now,
  }))).execute());
  await bulkUpdate(trx, 'orders', 'id_order', {
    ...Object.fromEntries(ORDER_NUMBER_COLUMNS.map((c) => [c, 'number'])), ...Object.fromEntries(ORDER_TEXT_COLUMNS.map((c) => [c, 'text'])),
  }, changedOrders, { date_upd: now });

  const localIds = new Map(existing.map((row) => [row.id_origin!, row.id_order]));
  if (fresh.length > 0) {
    const created = await trx.selectFrom('orders').select(['id_order', 'id_origin']).where('id_store', '=', storeId).where('id_origin', 'in', fresh.map((o) => o.id)).execute();
    for (const row of created) localIds.set(row.id_origin!, row.id_order);
    await insertChunks(created, (chunk) => trx.insertInto('orders_history').values(chunk.map((row) => ({ id_order: row.id_order, id_order_state: input.initialState, date_add: now }))).execute());
  }

  // Order rows: insert the new ones, update the changed ones, delete the ones the platform dropped.
  const existingDetails = existing.length === 0 ? [] : await trx.selectFrom('order_details')
    .select(['id_order_detail', 'id_order', 'id_origin', ...DETAIL_NUMBER_COLUMNS, ...DETAIL_TEXT_COLUMNS])
    .where('id_order', 'in', existing.map((row) => row.id_order)).execute();
  const detailKey = (orderId: number, origin: number | null) => `${orderId}:${origin ?? ''}`;
  const detailsByKey = new Map(existingDetails.map((d) => [detailKey(d.id_order, d.id_origin), d]));
  const keep = new Set<number>();
  const newDetails: Array<Insertable<OrderDetailsTable>> = [];
  const changedDetails: BulkUpdateRow[] = [];
  for (const order of orders) {
    const orderId = localIds.get(order.id);
    if (orderId === undefined) continue;
    for (const r of order.rows) {
      const v = {
        id_product: productIds.get(r.productId) ?? null,
        product_qty: r.quantity,
        product_price: r.unitPriceTaxExcl,
        unit_price_tax_incl: r.unitPriceTaxIncl,
        unit_price_tax_excl: r.unitPriceTaxExcl,
        product_name: cut(r.name, 255),
        product_reference: cutOrNull(r.reference, 100),
      };
      const row = detailsByKey.get(detailKey(orderId, r.id));
      if (!row) {
        newDetails.push({ ...v, id_order: orderId, id_origin: r.id });
        continue;
      }
      keep.add(row.id_order_detail);
      const same = DETAIL_NUMBER_COLUMNS.every((k) => sameNumber(row[k], v[k])) && DETAIL_TEXT_COLUMNS.every((k) => (row[k] ?? null) === v[k]);
      if (!same) {
        changedDetails.push({ key: row.id_order_detail, values: v });
        changedIds.add(orderId);
      }
    }
  }
  const dropped = existingDetails.filter((d) => !keep.has(d.id_order_detail));
  for (const d of dropped) changedIds.add(d.id_order);
  const existingOrderIds = new Set(existing.map((row) => row.id_order));
  for (const d of newDetails) if (existingOrderIds.has(d.id_order)) changedIds.add(d.id_order);
  await insertChunks(newDetails, (chunk) => trx.insertInto('order_details').values(chunk).execute());
  await bulkUpdate(trx, 'order_details', 'id_order_detail', {
    ...Object.fromEntries(DETAIL_NUMBER_COLUMNS.map((c) => [c, 'number'])), ...Object.fromEntries(DETAIL_TEXT_COLUMNS.map((c) => [c, 'text'])),
  }, changedDetails);
  if (dropped.length > 0) await trx.deleteFrom('order_details').where('id_order_detail', 'in', dropped.map((d) => d.id_order_detail)).execute();

  result.created = fresh.length;
  result.updated = changedIds.size;
  result.unchanged = existing.length - changedIds.size;
  return result;
}
