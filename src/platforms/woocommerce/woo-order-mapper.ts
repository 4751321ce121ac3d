import type { NeutralAddress, NeutralCustomer, NeutralOrder, NeutralOrderLine } from '../platform-port.js';
import { MalformedWooRecordError } from './woo-statuses.js';

type Json = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** WooCommerce sends money as strings ("12.50"); an empty or missing amount is 0. */
export function money(value: unknown, what: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new MalformedWooRecordError(`${what} ${JSON.stringify(value)} that is not an amount`);
  return n;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** `2026-11-30T10:00:00` (a `_gmt` field, no zone) → `2026-11-30T10:00:00.000Z`. */
export function gmtToIso(value: unknown, what: string): string {
  const text = str(value).trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:?00)?$/.test(text)) throw new MalformedWooRecordError(`${what} ${JSON.stringify(value)} that is not a UTC date`);
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new MalformedWooRecordError(`${what} ${JSON.stringify(value)} that is not a date`);
  return new Date(ms).toISOString();
}

function address(value: unknown): NeutralAddress | null {
  if (typeof value !== 'object' || value === null) return null;
  const a = value as Json;
  const mapped: NeutralAddress = {
    idOrigin: null,
    firstname: str(a.first_name),
    lastname: str(a.last_name),
    company: str(a.company),
    address1: str(a.address_1),
    address2: str(a.address_2),
    postcode: str(a.postcode),
    city: str(a.city),
    countryIso: str(a.country).toUpperCase(),
    phone: str(a.phone),
  };
  // A virtual order has an empty shipping block: no address rather than a blank one.
  return mapped.address1 === '' && mapped.city === '' && mapped.lastname === '' ? null : mapped;
}

function line(value: unknown, index: number): NeutralOrderLine {
  if (typeof value !== 'object' || value === null) throw new MalformedWooRecordError(`line item #${index + 1} that is not an object`);
  const l = value as Json;
  const quantity = Number(l.quantity ?? 0);
  if (!Number.isFinite(quantity)) throw new MalformedWooRecordError(`line item #${index + 1} with quantity ${JSON.stringify(l.quantity)}`);
  // subtotal is before coupons, as the product's price; per unit for the order_details row.
  const subtotal = money(l.subtotal ?? l.total, `line item #${index + 1} subtotal`);
  const subtotalTax = money(l.subtotal_tax ?? l.total_tax, `line item #${index + 1} subtotal_tax`);
  const per = quantity === 0 ? 0 : 1 / quantity;
  return {
    productIdOrigin: Number(l.product_id ?? 0) || 0,
    variantIdOrigin: Number(l.variation_id ?? 0) || 0,
    quantity,
    name: str(l.name),
    reference: str(l.sku),
    unitPriceTaxExcl: round(subtotal * per),
    unitPriceTaxIncl: round((subtotal + subtotalTax) * per),
  };
}

/** One order of `GET /wc/v3/orders` → the neutral shape (dates in UTC from the `_gmt` fields). */
export function orderFromWoo(value: unknown): NeutralOrder {
  if (typeof value !== 'object' || value === null) throw new MalformedWooRecordError('an order that is not an object');
  const o = value as Json;
  const id = Number(o.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new MalformedWooRecordError(`an order with id ${JSON.stringify(o.id)}`);
  const status = str(o.status);
  if (status === '') throw new MalformedWooRecordError(`order ${id} without a status`);
  const createdAt = gmtToIso(o.date_created_gmt, `order ${id} date_created_gmt`);
  const updatedAt = o.date_modified_gmt === null || o.date_modified_gmt === undefined ? createdAt : gmtToIso(o.date_modified_gmt, `order ${id} date_modified_gmt`);
  const lines = Array.isArray(o.line_items) ? o.line_items.map(line) : [];
  const billing = (typeof o.billing === 'object' && o.billing !== null ? o.billing : {}) as Json;
  const customerId = Number(o.customer_id ?? 0);
  const customer: NeutralCustomer | null = str(billing.email) === '' && customerId <= 0
    ? null
    : { idOrigin: customerId > 0 ? customerId : null, firstname: str(billing.first_name), lastname: str(billing.last_name), email: str(billing.email) };
  const total = money(o.total, `order ${id} total`);
  const totalTax = money(o.total_tax, `order ${id} total_tax`);
  const productsExcl = lines.reduce((sum, l) => sum + l.unitPriceTaxExcl * l.quantity, 0);
  const productsIncl = lines.reduce((sum, l) => sum + l.unitPriceTaxIncl * l.quantity, 0);
  return {
    idOrigin: id,
    reference: str(o.number) || String(id),
    stateCode: status,
    createdAt,
    updatedAt,
    currency: str(o.currency),
    payment: str(o.payment_method_title) || str(o.payment_method),
    totals: {
      paidTaxIncl: total,
      paidTaxExcl: round(total - totalTax),
      products: round(productsExcl),
      productsTaxIncl: round(productsIncl),
      shipping: round(money(o.shipping_total, `order ${id} shipping_total`) + money(o.shipping_tax, `order ${id} shipping_tax`)),
    },
    customer,
    deliveryAddress: address(o.shipping),
    invoiceAddress: address(o.billing),
    lines,
  };
}
