import type { PullDeps } from './pull-deps.js';
import { toDbTimestamp } from '../db/dialect.js';
import { hasOffset, isoFromPlatformDate, isoFromStored } from '../dates/iso-date.js';
import type { NeutralOrder, OrdersWatermark } from '../platforms/platform-port.js';
import type { StoreRow } from '../stores/store-repository.js';
import { importNeutralOrders, loadNeutralStateIds, neutralCountryIds, unknownStateCodes, type NeutralStateIds } from './neutral-orders-import.js';
import type { StoreOrdersPullResult } from './orders-pull-types.js';
import { storePlatformPort } from './store-platform-port.js';
import { completeStorePull, failStorePull } from './finish-store-pull.js';
import { pullStates, withoutStoreLabel } from './states-pull.js';

const WATERMARK = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)\|(\d{1,16})$/;
const SHOP_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

type OrderDates = 'utc' | 'shop-zone';

/**
 * stores.orders_watermark: `updatedAt ISO UTC|idOrigin` for a platform dating orders in UTC; for
 * one dating them in the shop's zone (PrestaShop) the greatest date with the shop's offset, as
 * earlier versions stored it (its port re-reads that whole second, the id orders nothing).
 */
export function formatWatermark(watermark: OrdersWatermark, orderDates: OrderDates = 'utc'): string {
  return orderDates === 'shop-zone' ? watermark.updatedAt : `${watermark.updatedAt}|${watermark.idOrigin}`;
}

/**
 * A stored watermark, or a `--since` (ISO 8601 with an offset, or `YYYY-MM-DD HH:MM:SS`), as the
 * port's keyset start. A date without an offset is UTC for a platform whose API speaks UTC, and the
 * shop's wall time, passed on as it is, for one dating orders in the shop's zone (its port knows the
 * zone). Anything else: from the beginning.
 */
export function parseWatermark(text: string | null, orderDates: OrderDates = 'utc'): OrdersWatermark | null {
  if (text === null) return null;
  const match = WATERMARK.exec(text);
  if (match) return { updatedAt: new Date(Date.parse(match[1] as string)).toISOString(), idOrigin: Number(match[2]) };
  if (hasOffset(text) && !Number.isNaN(Date.parse(text))) return { updatedAt: orderDates === 'shop-zone' ? text : new Date(Date.parse(text)).toISOString(), idOrigin: 0 };
  if (SHOP_DATE.test(text)) return { updatedAt: orderDates === 'shop-zone' ? text : new Date(Date.parse(`${text.replace(' ', 'T')}Z`)).toISOString(), idOrigin: 0 };
  return null;
}

/**
 * stores.orders_watermark for output: ISO 8601 with an offset. A Shopify/WooCommerce watermark
 * shows its updated-at (the id after `|` only orders one second's orders); a PrestaShop one is
 * stored so already (or, written before dates carried offsets, as the shop's wall time).
 */
export function watermarkForOutput(stored: string | null): string | null {
  if (stored === null) return null;
  const match = WATERMARK.exec(stored);
  return match ? isoFromStored(match[1] as string) : isoFromPlatformDate(stored);
}

/** The greater of the watermark and the order by (instant, id); the date kept as the port gave it for shop-zone dates. */
function later(a: OrdersWatermark | null, order: NeutralOrder, orderDates: OrderDates): OrdersWatermark | null {
  const ms = Date.parse(order.updatedAt);
  // A date the platform left empty (PrestaShop's 0000-…) moves nothing.
  if (Number.isNaN(ms)) return a;
  const updatedAt = orderDates === 'shop-zone' ? order.updatedAt : new Date(ms).toISOString();
  // A start written as the shop's wall time (no offset) is no instant here: the first order replaces it.
  const current = a === null || !hasOffset(a.updatedAt) ? Number.NaN : Date.parse(a.updatedAt);
  if (a === null || Number.isNaN(current) || ms > current || (ms === current && order.idOrigin > a.idOrigin)) return { updatedAt, idOrigin: order.idOrigin };
  return a;
}

/**
 * `orders pull` of one store through its platform port, the same for every platform: pages from
 * the watermark (updated-at, id), inclusive (the port re-reads the boundary), each page imported
 * and committed with the new watermark in one transaction, so that a stopped pull resumes after
 * its last page. The ports page by keyset (PrestaShop (date_upd, id) with filter[date_upd] and
 * filter[id], Shopify cursors sorted by UPDATED_AT, WooCommerce modified_after with the boundary
 * second re-read), so an order changed during the pull comes back later in the same walk instead
 * of being skipped. A state the catalogue does not have yet refreshes the catalogue once.
 */
export async function pullNeutralStoreOrders(
  app: PullDeps, store: StoreRow, since: string | null, signal: AbortSignal | undefined, progress: (count: number) => void, options: { quiet?: boolean },
): Promise<StoreOrdersPullResult> {
  const result: StoreOrdersPullResult = {
    id_store: store.id_store, store: store.name, ok: false, since: null, fetched: 0, created: 0, updated: 0, unchanged: 0,
    drift: [], pages: 0, requests: 0, watermark: watermarkForOutput(store.orders_watermark), warnings: [],
  };
  try {
    const port = await storePlatformPort(app, store);
    const orderDates: OrderDates = port.capabilities.orderDates ?? 'utc';
    const start = parseWatermark(since, orderDates);
    result.since = start === null ? null : isoFromPlatformDate(start.updatedAt);
    let states = await loadNeutralStateIds(app.db, store.id_store);
    let statesPulled = false;
    const warnedCodes = new Set<string>();
    let watermark = start;
    let cursor: string | null = null;
    do {
      signal?.throwIfAborted();
      const page = await port.pullOrdersPage({ since: start, cursor, limit: Math.min(Math.max(1, app.config.orders.page_size), 250), ...(signal === undefined ? {} : { signal }) });
      if (cursor === null && page.since !== undefined) {
        result.since = page.since;
        // A watermark stored as the shop's wall time (before dates carried offsets) is printed with its offset too.
        if (since === store.orders_watermark && since !== null && !hasOffset(since)) result.watermark = page.since;
      }
      result.pages += 1;
      result.requests += page.requests;
      result.warnings.push(...page.warnings);
      cursor = page.nextCursor;
      if (page.orders.length === 0) continue;
      if (!statesPulled && unknownStateCodes(page.orders, states).length > 0) {
        // A state added on the shop since the last states pull: the catalogue is refreshed once.
        statesPulled = true;
        states = await refreshCatalogue(app, store, result, signal);
      }
      for (const code of unknownStateCodes(page.orders, states)) {
        if (warnedCodes.has(code)) continue;
        warnedCodes.add(code);
        result.warnings.push(`platform state ${code} is not in the catalogue of store ${store.name}: orders in it are imported without an e-commerce state (run \`ecom-sync states pull --store ${store.id_store}\`)`);
      }
      const countries = await neutralCountryIds(app.db, page.orders);
      for (const order of page.orders) watermark = later(watermark, order, orderDates);
      const now = toDbTimestamp(new Date(app.clock.now()));
      const stored = watermark === null ? null : formatWatermark(watermark, orderDates);
      const imported = await app.db.transaction().execute(async (trx) => {
        const pageResult = await importNeutralOrders(trx, { store, orders: page.orders, states, countries, initialState: app.config.orders.initial_state, now, orderDates });
        // Committed with the page: a pull stopped halfway resumes after the last committed page.
        await trx.updateTable('stores').set({ orders_watermark: stored, orders_pulled_at: now }).where('id_store', '=', store.id_store).execute();
        return pageResult;
      });
      result.watermark = watermarkForOutput(stored);
      result.fetched += page.orders.length;
      result.created += imported.created;
      result.updated += imported.updated;
      result.unchanged += imported.unchanged;
      result.drift.push(...imported.drift);
      progress(page.orders.length);
    } while (cursor !== null);
  } catch (error) {
    return failStorePull(app, store, result, error, signal);
  }
  return completeStorePull(app, store, result, options);
}

/** The store's states pull in the middle of an orders pull: its requests and warnings are the orders pull's. */
async function refreshCatalogue(app: PullDeps, store: StoreRow, result: StoreOrdersPullResult, signal: AbortSignal | undefined): Promise<NeutralStateIds> {
  const report = await pullStates(app, { storeId: store.id_store, quiet: true, ...(signal === undefined ? {} : { signal }) });
  const pulled = report.stores[0];
  result.requests += pulled?.requests ?? 0;
  result.warnings.push(...(pulled?.warnings ?? []));
  if (!report.ok) result.warnings.push(`could not refresh the state catalogue: ${withoutStoreLabel(pulled?.error?.message ?? 'unknown error', store)}`);
  return loadNeutralStateIds(app.db, store.id_store);
}
