import type { PlatformAddress, PlatformCountry, PlatformCustomer, PlatformLanguage, PlatformOrder, PlatformOrderRow, PlatformShop, PlatformState } from '../platform.js';
import type { WebserviceRecord } from './webservice-record.js';

/** Raised when a record lacks what every resource has (its id): the answer is not what was asked for. */
export class MalformedRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedRecordError';
  }
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Money and quantities: strings with 6 decimals (`"71.510000"`), a missing value is 0. */
function decimal(value: unknown): number {
  const n = Number(text(value).trim());
  return text(value).trim() === '' || !Number.isFinite(n) ? 0 : n;
}

function integer(value: unknown): number {
  return Math.trunc(decimal(value));
}

/** Ids that may be absent or 0 on the platform (no carrier yet). */
function optionalId(value: unknown): number | null {
  const n = integer(value);
  return n > 0 ? n : null;
}

function requiredId(record: WebserviceRecord, resource: string): number {
  const n = Number(text(record.id).trim());
  if (!Number.isInteger(n) || n <= 0) throw new MalformedRecordError(`a ${resource} without a valid id (${JSON.stringify(text(record.id))})`);
  return n;
}

function flag(value: unknown): boolean {
  return text(value).trim() === '1' || value === true;
}

/**
 * A multilingual field in the wanted language: a plain string when the shop answered for one
 * language (JSON with `language=N`), else the `{ id, value }` entry of that language, else the
 * first one present (the wanted language may not exist on the shop).
 */
export function languageText(value: unknown, languageId?: number): string {
  if (!Array.isArray(value)) return text(value);
  const entries = value.filter((entry): entry is WebserviceRecord => typeof entry === 'object' && entry !== null);
  const wanted = languageId === undefined ? undefined : entries.find((entry) => text(entry.id) === String(languageId));
  return text((wanted ?? entries[0])?.value);
}

export function stateFromRecord(record: WebserviceRecord, languageId?: number): PlatformState {
  const color = text(record.color);
  return {
    id: requiredId(record, 'order_state'),
    name: languageText(record.name, languageId),
    deleted: flag(record.deleted),
    sendEmail: flag(record.send_email),
    ...(color === '' ? {} : { color }),
    shipped: flag(record.shipped),
    paid: flag(record.paid),
  };
}

function orderRowFromRecord(record: WebserviceRecord): PlatformOrderRow {
  return {
    id: integer(record.id),
    productId: integer(record.product_id),
    productAttributeId: integer(record.product_attribute_id),
    quantity: integer(record.product_quantity),
    name: text(record.product_name),
    reference: text(record.product_reference),
    unitPriceTaxIncl: decimal(record.unit_price_tax_incl),
    unitPriceTaxExcl: decimal(record.unit_price_tax_excl),
  };
}

function orderRows(record: WebserviceRecord): WebserviceRecord[] {
  const associations = record.associations;
  if (typeof associations !== 'object' || associations === null || Array.isArray(associations)) return [];
  const rows = (associations as WebserviceRecord).order_rows;
  if (Array.isArray(rows)) return rows.filter((row): row is WebserviceRecord => typeof row === 'object' && row !== null);
  // One row may arrive as an object rather than a one-element list.
  if (typeof rows === 'object' && rows !== null) return [rows as WebserviceRecord];
  return [];
}

export function orderFromRecord(record: WebserviceRecord): PlatformOrder {
  return {
    id: requiredId(record, 'order'),
    reference: text(record.reference),
    currentState: integer(record.current_state),
    idCustomer: integer(record.id_customer),
    idAddressDelivery: integer(record.id_address_delivery),
    idAddressInvoice: integer(record.id_address_invoice),
    idCarrier: optionalId(record.id_carrier),
    idLang: optionalId(record.id_lang),
    payment: text(record.payment),
    totalPaidTaxIncl: decimal(record.total_paid_tax_incl),
    totalPaidTaxExcl: decimal(record.total_paid_tax_excl),
    totalProducts: decimal(record.total_products),
    totalProductsWt: decimal(record.total_products_wt),
    totalShipping: decimal(record.total_shipping),
    dateAdd: text(record.date_add),
    dateUpd: text(record.date_upd),
    rows: orderRows(record).map(orderRowFromRecord),
  };
}

/** `display=[id,current_state]`: the order id and its state. */
export function orderStateFromRecord(record: WebserviceRecord): { id: number; currentState: number } {
  return { id: requiredId(record, 'order'), currentState: integer(record.current_state) };
}

export function customerFromRecord(record: WebserviceRecord): PlatformCustomer {
  return {
    id: requiredId(record, 'customer'),
    firstname: text(record.firstname),
    lastname: text(record.lastname),
    email: text(record.email),
  };
}

export function addressFromRecord(record: WebserviceRecord): PlatformAddress {
  const phone = text(record.phone);
  return {
    id: requiredId(record, 'address'),
    idCustomer: integer(record.id_customer),
    firstname: text(record.firstname),
    lastname: text(record.lastname),
    company: text(record.company),
    address1: text(record.address1),
    address2: text(record.address2),
    postcode: text(record.postcode),
    city: text(record.city),
    idCountry: integer(record.id_country),
    // Many shops only fill the mobile number.
    phone: phone === '' ? text(record.phone_mobile) : phone,
  };
}

export function languageFromRecord(record: WebserviceRecord): PlatformLanguage {
  return {
    id: requiredId(record, 'language'),
    name: text(record.name),
    isoCode: text(record.iso_code),
    active: flag(record.active),
  };
}

/** `<order_history><id>` of a 201 answer. */
export function historyIdFromRecord(record: WebserviceRecord): number | null {
  return optionalId(record.id);
}

/** The value of a configuration entry (`PS_LANG_DEFAULT`), multilingual or not. */
export function configurationValue(record: WebserviceRecord): string {
  return languageText(record.value);
}

/** `/api/countries`: the id is the shop's own, the ISO code is what matches countries across systems. */
export function countryFromRecord(record: WebserviceRecord, languageId?: number): PlatformCountry {
  return { id: requiredId(record, 'country'), isoCode: text(record.iso_code).trim().toUpperCase(), name: languageText(record.name, languageId) };
}

export function shopFromRecord(record: WebserviceRecord): PlatformShop {
  return { id: requiredId(record, 'shop'), name: text(record.name), shopGroupId: integer(record.id_shop_group), active: text(record.active) === '' ? true : flag(record.active) };
}
