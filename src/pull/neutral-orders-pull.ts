import type { App } from '../app-types.js';
import { toDbTimestamp } from '../db/dialect.js';
import { hasOffset, isoFromPlatformDate, isoFromStored } from '../dates/iso-date.js';
import type { NeutralOrder, OrdersWatermark } from '../platforms/platform-port.js';
import type { StoreRow } from '../stores/store-repository.js';
import { importNeutralOrders, loadNeutralStateIds, neutralCountryIds, unknownStateCodes } from './neutral-orders-import.js';
import type { StoreOrdersPullResult } from './orders-pull-types.js';
import { neutralPlatformPort } from './store-platform-port.js';
import { completeStorePull, failStorePull } from './finish-store-pull.js';

const WATERMARK = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)\|(\d{1,16})$/;
const SHOP_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** stores.orders_watermark of a Shopify/WooCommerce store: `updatedAt ISO UTC|idOrigin`. */
export function formatWatermark(watermark: OrdersWatermark): string {
  return `${watermark.updatedAt}|${watermark.idOrigin}`;
}

/**
 * A stored watermark, or a `--since` (ISO 8601 with an offset, or `YYYY-MM-DD HH:MM:SS` read as UTC
 * for these platforms: their APIs speak UTC), as the port's keyset start. Anything else: from the beginning.
 */
export function parseWatermark(text: string | null): OrdersWatermark | null {
  if (text === null) return null;
  const match = WATERMARK.exec(text);
  if (match) return { updatedAt: new Date(Date.parse(match[1] as string)).toISOString(), idOrigin: Number(match[2]) };
  if (hasOffset(text) && !Number.isNaN(Date.parse(text))) return { updatedAt: new Date(Date.parse(text)).toISOString(), idOrigin: 0 };
  if (SHOP_DATE.test(text)) return { updatedAt: new Date(Date.parse(`${text.replace(' ', 'T')}Z`)).toISOString(), idOrigin: 0 };
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

function later(a: OrdersWatermark | null, order: NeutralOrder): OrdersWatermark | null {
  const updatedAt = new Date(Date.parse(order.updatedAt)).toISOString();
  if (a === null || updatedAt > a.updatedAt || (updatedAt === a.updatedAt && order.idOrigin > a.idOrigin)) return { updatedAt, idOrigin: order.idOrigin };
  return a;
}

/**
 * `orders pull` for a Shopify or WooCommerce store through its platform port: pages from the
 * watermark (updated-at, id), inclusive (the port re-reads the boundary), each page imported and
 * committed with the new watermark in one transaction, so that a stopped pull resumes after its
 * last page. The ports page by keyset (Shopify cursors sorted by UPDATED_AT, WooCommerce
 * modified_after with the boundary second re-read), so an order changed during the pull comes
 * back later in the same walk instead of being skipped.
 */
export async function pullNeutralStoreOrders(
  app: App, store: StoreRow, since: string | null, signal: AbortSignal | undefined, progress: (count: number) => void, options: { quiet?: boolean },
): Promise<StoreOrdersPullResult> {
  const start = parseWatermark(since);
  const result: StoreOrdersPullResult = {
    id_store: store.id_store, store: store.name, ok: false, since: start === null ? null : isoFromStored(start.updatedAt), fetched: 0, created: 0, updated: 0, unchanged: 0,
    drift: [], pages: 0, requests: 0, watermark: watermarkForOutput(store.orders_watermark), warnings: [],
  };
  try {
    const port = await neutralPlatformPort(app, store);
    const states = await loadNeutralStateIds(app.db, store.id_store);
    const warnedCodes = new Set<string>();
    let watermark = start;
    let cursor: string | null = null;
    do {
      signal?.throwIfAborted();
      const page = await port.pullOrdersPage({ since: start, cursor, limit: Math.min(Math.max(1, app.config.orders.page_size), 250), ...(signal === undefined ? {} : { signal }) });
      result.pages += 1;
      result.requests += page.requests;
      result.warnings.push(...page.warnings);
      cursor = page.nextCursor;
      if (page.orders.length === 0) continue;
      for (const code of unknownStateCodes(page.orders, states)) {
        if (warnedCodes.has(code)) continue;
        warnedCodes.add(code);
        result.warnings.push(`platform state ${code} is not in the catalogue of store ${store.name}: orders in it are imported without an e-commerce state (run \`ecom-sync states pull --store ${store.id_store}\`)`);
      }
      const countries = await neutralCountryIds(app.db, page.orders);
      for (const order of page.orders) watermark = later(watermark, order);
      const now = toDbTimestamp(new Date(app.clock.now()));
      const stored = watermark === null ? null : formatWatermark(watermark);
      const imported = await app.db.transaction().execute(async (trx) => {
        const pageResult = await importNeutralOrders(trx, { store, orders: page.orders, states, countries, initialState: app.config.orders.initial_state, now });
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
