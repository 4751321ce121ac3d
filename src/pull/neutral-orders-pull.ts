import type { PullDeps } from './pull-deps.js';
import { toDbTimestamp } from '../db/dialect.js';
import { isEcomSyncError } from '../errors.js';
import type { NeutralOrder, OrdersWatermark } from '../platforms/platform-port.js';
import { clearStoreCredentialsFailure, markStoreCredentialsFailing, type StoreRow } from '../stores/store-repository.js';
import { importNeutralOrders, loadNeutralStateIds, neutralCountryIds, unknownStateCodes } from './neutral-orders-import.js';
import type { StoreOrdersPullResult } from './orders-pull-types.js';
import { neutralPlatformPort } from './store-platform-port.js';

const WATERMARK = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)\|(\d{1,16})$/;
const SHOP_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** stores.orders_watermark of a Shopify/WooCommerce store: `updatedAt ISO UTC|idOrigin`. */
export function formatWatermark(watermark: OrdersWatermark): string {
  return `${watermark.updatedAt}|${watermark.idOrigin}`;
}

/**
 * A stored watermark, or a `--since` date (`YYYY-MM-DD HH:MM:SS`, read as UTC for these platforms:
 * their APIs speak UTC), as the port's keyset start. Anything else: from the beginning.
 */
export function parseWatermark(text: string | null): OrdersWatermark | null {
  if (text === null) return null;
  const match = WATERMARK.exec(text);
  if (match) return { updatedAt: new Date(Date.parse(match[1] as string)).toISOString(), idOrigin: Number(match[2]) };
  if (SHOP_DATE.test(text)) return { updatedAt: new Date(Date.parse(`${text.replace(' ', 'T')}Z`)).toISOString(), idOrigin: 0 };
  return null;
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
  app: PullDeps, store: StoreRow, since: string | null, signal: AbortSignal | undefined, progress: (count: number) => void, options: { quiet?: boolean },
): Promise<StoreOrdersPullResult> {
  const start = parseWatermark(since);
  const result: StoreOrdersPullResult = {
    id_store: store.id_store, store: store.name, ok: false, since: start === null ? null : formatWatermark(start), fetched: 0, created: 0, updated: 0, unchanged: 0,
    drift: [], pages: 0, requests: 0, watermark: store.orders_watermark, warnings: [],
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
      result.watermark = stored;
      result.fetched += page.orders.length;
      result.created += imported.created;
      result.updated += imported.updated;
      result.unchanged += imported.unchanged;
      result.drift.push(...imported.drift);
      progress(page.orders.length);
    } while (cursor !== null);
  } catch (error) {
    if (!isEcomSyncError(error) || signal?.aborted) throw error;
    result.error = { code: error.code, message: error.message };
    app.logger.error(`Import ordini fallito per store ${store.id_store} (${store.name}): ${result.error.message}`);
    if (error.code === 'PLATFORM_UNAUTHORIZED') await markStoreCredentialsFailing(app.db, store.id_store, error.message, toDbTimestamp(new Date(app.clock.now())));
    return result;
  }
  if (store.credentials_error) await clearStoreCredentialsFailure(app.db, store.id_store);
  if (!options.quiet) for (const warning of result.warnings) app.logger.warn(`store ${store.name} (#${store.id_store}): ${warning}`);
  for (const d of options.quiet ? [] : result.drift) {
    app.logger.warn(`order ${d.id_order} (platform ${d.id_origin}) of store ${store.id_store} moved on the platform from state ${d.platform_state_before ?? '-'} to ${d.platform_state_now}; local state ${d.local_state} left unchanged`);
  }
  result.ok = true;
  app.logger.info(`Ordini importati da store ${store.id_store} (${store.name}): ${result.created} nuovi, ${result.updated} aggiornati, ${result.unchanged} invariati, ${result.drift.length} con stato cambiato sulla piattaforma`);
  return result;
}
