import { hasOffset, isoFromWallTime } from '../../dates/iso-date.js';
import { wallTimeIn } from '../../dates/time-zone.js';
import { isEcomSyncError, PlatformError } from '../../errors.js';
import type { Platform, PlatformAddress, PlatformCustomer, PlatformOrder } from '../platform.js';
import type { NeutralAddress, NeutralOrder, OrdersPage, OrdersPageRequest } from '../platform-port.js';

/**
 * PrestaShop orders as the port gives them: keyset pages by (date_upd, id), never by offset, with
 * their customers, addresses and countries read in batches per page (100 ids a request). The
 * shop's dates are its wall clock without an offset: they come out as ISO 8601 with the shop's
 * offset, and a start point goes back to the shop's time for the filter.
 */

/** Ids per `filter[id]=[a|b|…]` look-up: the client's default. */
const IDS_PER_LOOKUP = 100;
/** The webservice has no cap of its own; 100 keeps a page's look-ups at one request each. */
export const MAX_ORDERS_PER_PAGE = 100;

/**
 * Where a walk stands. `from`: date_upd >= date, orders already returned dropped; `sameSecond`: the
 * rest of a second that fills whole pages (`filter[date_upd]=[d,d]`, `filter[id]=>[id]`); `after`:
 * date_upd > date, once that second is drained. `zone` once a date had to be converted; `missing`:
 * resources the key may not read, asked no more in this walk (one warning each).
 */
interface PrestaShopCursor {
  date: string | null;
  id: number;
  mode: 'from' | 'sameSecond' | 'after';
  zone: string | null;
  missing: string[];
}

export interface OrdersReadDeps {
  client: Platform;
  /** The store's zone (memory, PS_TIMEZONE or the store's own), read only when a date must be converted. */
  timeZone(signal?: AbortSignal): Promise<{ timeZone: string; requests: number; warning?: string }>;
  /** Shop country id -> ISO code, kept by the port for its lifetime (null: the shop did not say). */
  countries: Map<number, { isoCode: string; name: string } | null>;
  label: string;
}

function encodeCursor(cursor: PrestaShopCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): PrestaShopCursor | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<PrestaShopCursor>;
    if (typeof value.id !== 'number' || !['from', 'sameSecond', 'after'].includes(String(value.mode)) || !Array.isArray(value.missing)) return null;
    return {
      date: typeof value.date === 'string' ? value.date : null, id: value.id, mode: value.mode as PrestaShopCursor['mode'],
      zone: typeof value.zone === 'string' ? value.zone : null, missing: value.missing.filter((m): m is string => typeof m === 'string'),
    };
  } catch {
    return null;
  }
}

/** Orders strictly after the keyset cursor (date_upd, id): what a page brings that was not returned yet. */
function afterCursor(order: PlatformOrder, cursor: PrestaShopCursor): boolean {
  if (cursor.date === null) return true;
  return order.dateUpd > cursor.date || (order.dateUpd === cursor.date && order.id > cursor.id);
}

/** A shop wall time with the shop's offset; a date the shop left empty (`0000-…`) as it came. */
function shopDate(wall: string, timeZone: string): string {
  return isoFromWallTime(wall, timeZone) ?? wall;
}

/** What a page or a single read gathers while it reads. */
interface Reading {
  requests: number;
  warnings: string[];
  missing: Set<string>;
}

/** A part the key may not read: the orders come without it, one warning per permission and walk. */
async function readable<T>(reading: Reading, resource: string, ids: number[], read: () => Promise<T[]>): Promise<T[]> {
  if (ids.length === 0 || reading.missing.has(resource)) return [];
  try {
    const found = await read();
    reading.requests += Math.ceil(ids.length / IDS_PER_LOOKUP);
    return found;
  } catch (error) {
    if (!(isEcomSyncError(error) && error.code === 'PLATFORM_PERMISSION')) throw error;
    reading.requests += 1;
    reading.missing.add(resource);
    reading.warnings.push(`the API key may not read ${resource}: orders are imported without them (${error.hint ?? ''})`);
    return [];
  }
}

/** Customers, addresses and countries of these orders, in batches, as neutral orders. */
async function toNeutral(deps: OrdersReadDeps, orders: readonly PlatformOrder[], timeZone: string, reading: Reading, signal?: AbortSignal): Promise<NeutralOrder[]> {
  const options = signal === undefined ? {} : { signal };
  const unique = (ids: number[]) => [...new Set(ids.filter((id) => id > 0))];
  const customerIds = unique(orders.map((o) => o.idCustomer));
  const addressIds = unique(orders.flatMap((o) => [o.idAddressDelivery, o.idAddressInvoice]));
  const customers = new Map((await readable<PlatformCustomer>(reading, 'customers', customerIds, () => deps.client.getCustomers(customerIds, options))).map((c) => [c.id, c]));
  const addresses = new Map((await readable<PlatformAddress>(reading, 'addresses', addressIds, () => deps.client.getAddresses(addressIds, options))).map((a) => [a.id, a]));
  // Countries by ISO code: the shop's ids are not the local ones. Each id is asked once per port.
  const newCountries = unique([...addresses.values()].map((a) => a.idCountry)).filter((id) => !deps.countries.has(id));
  if (newCountries.length > 0) {
    const before = reading.missing.has('countries');
    const found = await readable(reading, 'countries', newCountries, () => deps.client.getCountries(newCountries, options));
    for (const country of found) deps.countries.set(country.id, { isoCode: country.isoCode, name: country.name });
    // Not readable: asked again by the next walk, which may have the permission by then.
    if (!before && !reading.missing.has('countries')) for (const id of newCountries) if (!deps.countries.has(id)) deps.countries.set(id, null);
  }
  const address = (id: number): NeutralAddress | null => {
    const a = addresses.get(id);
    if (a === undefined) return null;
    const country = deps.countries.get(a.idCountry) ?? null;
    return {
      idOrigin: a.id, firstname: a.firstname, lastname: a.lastname, company: a.company, address1: a.address1, address2: a.address2,
      postcode: a.postcode, city: a.city, countryIso: country?.isoCode ?? '', ...(country === null ? {} : { countryName: country.name }), phone: a.phone,
    };
  };
  return orders.map((o) => {
    const customer = customers.get(o.idCustomer);
    return {
      idOrigin: o.id,
      reference: o.reference,
      stateCode: String(o.currentState),
      createdAt: shopDate(o.dateAdd, timeZone),
      updatedAt: shopDate(o.dateUpd, timeZone),
      currency: '',
      payment: o.payment,
      totals: { paidTaxIncl: o.totalPaidTaxIncl, paidTaxExcl: o.totalPaidTaxExcl, products: o.totalProducts, productsTaxIncl: o.totalProductsWt, shipping: o.totalShipping },
      customer: customer === undefined ? null : { idOrigin: customer.id, firstname: customer.firstname, lastname: customer.lastname, email: customer.email },
      deliveryAddress: address(o.idAddressDelivery),
      invoiceAddress: address(o.idAddressInvoice),
      lines: o.rows.map((r) => ({
        idOrigin: r.id, productIdOrigin: r.productId, variantIdOrigin: r.productAttributeId, quantity: r.quantity, name: r.name, reference: r.reference,
        unitPriceTaxIncl: r.unitPriceTaxIncl, unitPriceTaxExcl: r.unitPriceTaxExcl,
      })),
    };
  });
}

/**
 * One keyset page. An order updated while the walk runs moves to its end instead of shifting the
 * following pages (which, by offset, skipped one order each time). A page may come back empty with
 * a next cursor: a whole page of orders of the cursor's second already returned.
 */
export async function pullPrestaShopOrdersPage(deps: OrdersReadDeps, request: OrdersPageRequest): Promise<OrdersPage> {
  const limit = Math.min(Math.max(1, request.limit), MAX_ORDERS_PER_PAGE);
  const signal = request.signal;
  const reading: Reading = { requests: 0, warnings: [], missing: new Set() };
  let since: string | null | undefined;
  let cursor: PrestaShopCursor;
  const zoneOf = async (c: PrestaShopCursor): Promise<string> => {
    if (c.zone === null) {
      const zone = await deps.timeZone(signal);
      reading.requests += zone.requests;
      if (zone.warning !== undefined) reading.warnings.push(zone.warning);
      c.zone = zone.timeZone;
    }
    return c.zone;
  };
  if (request.cursor === null) {
    cursor = { date: null, id: 0, mode: 'from', zone: null, missing: [] };
    since = null;
    if (request.since !== null) {
      // The filter speaks the shop's wall clock: an instant is converted, a wall time already is one.
      const start = request.since.updatedAt;
      const timeZone = await zoneOf(cursor);
      cursor.date = hasOffset(start) ? wallTimeIn(Date.parse(start), timeZone) : start;
      since = isoFromWallTime(cursor.date, timeZone) ?? start;
    }
  } else {
    const decoded = decodeCursor(request.cursor);
    if (decoded === null) throw new PlatformError('PLATFORM_BAD_CURSOR', `${deps.label}: the orders page token is not one this client issued`, { hint: 'Start the pull again from its watermark.' });
    cursor = decoded;
    for (const resource of cursor.missing) reading.missing.add(resource);
  }
  const options = signal === undefined ? {} : { signal };
  const page = cursor.date === null
    ? await deps.client.pullOrders({ limit, ...options })
    : cursor.mode === 'sameSecond'
      ? await deps.client.pullOrders({ since: cursor.date, sameSecondAfterId: cursor.id, limit, ...options })
      : await deps.client.pullOrders({ since: cursor.date, sinceExclusive: cursor.mode === 'after', limit, ...options });
  reading.requests += 1;
  const fresh = page.filter((order) => afterCursor(order, cursor));
  const orders = fresh.length === 0 ? [] : await toNeutral(deps, fresh, await zoneOf(cursor), reading, signal);
  const next: PrestaShopCursor = { ...cursor, missing: [...reading.missing] };
  const last = fresh[fresh.length - 1];
  if (last !== undefined) {
    next.date = last.dateUpd;
    next.id = last.id;
  }
  let done = false;
  if (cursor.mode === 'sameSecond') {
    if (page.length < limit) next.mode = 'after';
  } else if (page.length < limit) {
    done = true;
  } else {
    // A full page that brought nothing new: the cursor's second holds a page or more of orders already returned.
    next.mode = fresh.length === 0 ? 'sameSecond' : 'from';
  }
  return {
    orders, nextCursor: done ? null : encodeCursor(next), requests: reading.requests, warnings: reading.warnings,
    ...(since === undefined ? {} : { since }),
  };
}

/** One order as the shop has it now, with its customer, addresses and country; null when the shop has none. */
export async function readPrestaShopOrder(deps: OrdersReadDeps, idOrigin: number, signal?: AbortSignal): Promise<NeutralOrder | null> {
  const options = signal === undefined ? {} : { signal };
  const found = await deps.client.getOrders([idOrigin], options);
  const order = found.find((o) => o.id === idOrigin);
  if (order === undefined) return null;
  const zone = await deps.timeZone(signal);
  const [neutral] = await toNeutral(deps, [order], zone.timeZone, { requests: 0, warnings: [], missing: new Set() }, signal);
  return neutral ?? null;
}
