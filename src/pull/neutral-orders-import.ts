import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import type { PlatformAddress, PlatformCountry, PlatformCustomer, PlatformOrder } from '../platforms/platform.js';
import type { NeutralAddress, NeutralOrder } from '../platforms/platform-port.js';
import type { StoreRow } from '../stores/store-repository.js';
import { localCountryIds } from './country-matching.js';
import { importOrdersPage, type PageImportResult } from './orders-page-import.js';

/**
 * Orders as every platform describes them (NeutralOrder) into the local tables, through the
 * batched page import (orders-page-import.ts): a fixed number of queries per page, in the caller's
 * transaction. What the neutral shape lacks is derived, stable per order, so a re-import finds its
 * rows again:
 * - a guest checkout's customer: id_origin = -(order id);
 * - addresses (Shopify and WooCommerce give none an id): delivery -(2 × order id), invoice
 *   -(2 × order id + 1), the delivery row itself when both are the same address;
 * - order lines: id_origin = position in the order (1, 2, …).
 * Ids the platform gives (PrestaShop's addresses and order rows) are kept.
 */

export interface NeutralStateIds {
  /** ecommerce_order_states of the store by code -> (row id, id_platform_state). */
  byCode: ReadonlyMap<string, { id: number; idPlatformState: number }>;
  /** Platform state id -> row id, and back (what the page import and drift speak). */
  stateIds: ReadonlyMap<number, number>;
  platformIdOf: ReadonlyMap<number, number>;
}

export async function loadNeutralStateIds(db: Kysely<Database>, storeId: number): Promise<NeutralStateIds> {
  const rows = await db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'code']).where('id_store', '=', storeId).execute();
  return {
    // A row without a code (written by the spec's INSERT) is known by its id as text, PrestaShop's code.
    byCode: new Map(rows.map((r) => [r.code ?? String(r.id_platform_state), { id: r.id_ecommerce_order_state, idPlatformState: r.id_platform_state }])),
    stateIds: new Map(rows.map((r) => [r.id_platform_state, r.id_ecommerce_order_state])),
    platformIdOf: new Map(rows.map((r) => [r.id_ecommerce_order_state, r.id_platform_state])),
  };
}

/**
 * Local country ids by ISO code, adding the missing countries (the shop's name where it gives one,
 * else the English name); outside the page's transaction.
 */
export async function neutralCountryIds(db: Kysely<Database>, orders: readonly NeutralOrder[]): Promise<Map<string, number>> {
  const shopNames = new Map<string, string>();
  for (const a of orders.flatMap((o) => [o.deliveryAddress, o.invoiceAddress])) if (a?.countryIso && a.countryName) shopNames.set(a.countryIso.toUpperCase(), a.countryName);
  const isos = [...new Set(orders.flatMap((o) => [o.deliveryAddress?.countryIso, o.invoiceAddress?.countryIso]).filter((iso): iso is string => !!iso).map((iso) => iso.toUpperCase()))];
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const countries: PlatformCountry[] = isos.map((isoCode, index) => {
    const shopName = shopNames.get(isoCode);
    if (shopName !== undefined) return { id: index + 1, isoCode, name: shopName };
    let name = isoCode;
    try {
      name = names.of(isoCode) ?? isoCode;
    } catch {
      // Not a region code Intl knows: the code is the name.
    }
    return { id: index + 1, isoCode, name };
  });
  const local = await localCountryIds(db, countries);
  return new Map(countries.flatMap((c) => (local.has(c.id) ? [[c.isoCode, local.get(c.id) as number] as const] : [])));
}

/**
 * The platform's own date as orders.platform_date_upd: UTC normalised (`.000Z`), or, for a
 * platform dating orders in the shop's zone, as given (the shop's offset); null when it is no date.
 */
export function platformDateText(iso: string, orderDates: 'utc' | 'shop-zone'): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return orderDates === 'shop-zone' ? iso : new Date(ms).toISOString();
}

/** `YYYY-MM-DD HH:MM:SS` in UTC from an ISO instant (local date columns). */
function utcDateTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '0000-00-00 00:00:00' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function sameAddress(a: NeutralAddress, b: NeutralAddress): boolean {
  return (['firstname', 'lastname', 'company', 'address1', 'address2', 'postcode', 'city', 'countryIso', 'phone'] as const).every((k) => a[k] === b[k]);
}

export interface NeutralPageInput {
  store: StoreRow;
  orders: readonly NeutralOrder[];
  states: NeutralStateIds;
  countries: ReadonlyMap<string, number>;
  initialState: number;
  /** UTC `YYYY-MM-DD HH:MM:SS`. */
  now: string;
  /** The port's `capabilities.orderDates` (default utc): how platform_date_upd is written. */
  orderDates?: 'utc' | 'shop-zone';
}

/** State codes of the page that the store's catalogue does not have (imported without an e-commerce state). */
export function unknownStateCodes(orders: readonly NeutralOrder[], states: NeutralStateIds): string[] {
  return [...new Set(orders.map((o) => o.stateCode))].filter((code) => !states.byCode.has(code));
}

/** Runs inside the caller's transaction; see importOrdersPage for the counts and the drift. */
export async function importNeutralOrders(trx: Parameters<typeof importOrdersPage>[0], input: NeutralPageInput): Promise<PageImportResult> {
  const customers = new Map<number, PlatformCustomer>();
  const addresses = new Map<number, PlatformAddress>();
  const platformDate = new Map<number, string>();
  const orders: PlatformOrder[] = input.orders.map((o) => {
    const platformDateUpd = platformDateText(o.updatedAt, input.orderDates ?? 'utc');
    if (platformDateUpd !== null) platformDate.set(o.idOrigin, platformDateUpd);
    let idCustomer = 0;
    if (o.customer) {
      idCustomer = o.customer.idOrigin ?? -o.idOrigin;
      customers.set(idCustomer, { id: idCustomer, firstname: o.customer.firstname, lastname: o.customer.lastname, email: o.customer.email });
    }
    const address = (a: NeutralAddress | null, id: number): number => {
      if (!a) return 0;
      addresses.set(id, {
        id, idCustomer, firstname: a.firstname, lastname: a.lastname, company: a.company, address1: a.address1, address2: a.address2,
        postcode: a.postcode, city: a.city, idCountry: input.countries.get(a.countryIso.toUpperCase()) ?? 0, phone: a.phone,
      });
      return id;
    };
    // The platform's address ids where it has them (PrestaShop); else derived from the order.
    const delivery = address(o.deliveryAddress, o.deliveryAddress?.idOrigin ?? -2 * o.idOrigin);
    const invoice = o.invoiceAddress?.idOrigin != null
      ? address(o.invoiceAddress, o.invoiceAddress.idOrigin)
      : o.invoiceAddress && o.deliveryAddress && sameAddress(o.invoiceAddress, o.deliveryAddress) ? delivery : address(o.invoiceAddress, -2 * o.idOrigin - 1);
    return {
      id: o.idOrigin,
      reference: o.reference,
      currentState: input.states.byCode.get(o.stateCode)?.idPlatformState ?? Number.NaN,
      idCustomer,
      idAddressDelivery: delivery,
      idAddressInvoice: invoice,
      idCarrier: null,
      idLang: null,
      payment: o.payment,
      totalPaidTaxIncl: o.totals.paidTaxIncl,
      totalPaidTaxExcl: o.totals.paidTaxExcl,
      totalProducts: o.totals.products,
      totalProductsWt: o.totals.productsTaxIncl,
      totalShipping: o.totals.shipping,
      dateAdd: utcDateTime(o.createdAt),
      dateUpd: utcDateTime(o.updatedAt),
      rows: o.lines.map((line, index) => ({
        id: line.idOrigin ?? index + 1, productId: line.productIdOrigin, productAttributeId: line.variantIdOrigin, quantity: line.quantity,
        name: line.name, reference: line.reference, unitPriceTaxIncl: line.unitPriceTaxIncl, unitPriceTaxExcl: line.unitPriceTaxExcl,
      })),
    };
  });
  return importOrdersPage(trx, {
    store: input.store, orders, customers: [...customers.values()], addresses: [...addresses.values()],
    stateIds: input.states.stateIds, platformIdOf: input.states.platformIdOf, initialState: input.initialState, now: input.now,
    platformDateOf: (order) => platformDate.get(order.id) ?? null,
  });
}
