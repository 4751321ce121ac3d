import type { PullDeps } from './pull-deps.js';
import { hasOffset } from '../dates/iso-date.js';
import { parseWallTime } from '../dates/time-zone.js';
import { ConfigError, ValidationError } from '../errors.js';
import { getStoreById, listStores } from '../stores/store-repository.js';
import type { StoreOrdersPullResult } from './orders-pull-types.js';
import { pullNeutralStoreOrders } from './neutral-orders-pull.js';

export type { StoreOrdersPullResult } from './orders-pull-types.js';

export interface OrdersPullReport {
  ok: boolean;
  stores: StoreOrdersPullResult[];
  totals: { stores: number; failed: number; fetched: number; created: number; updated: number; unchanged: number; drift: number };
}

export interface PullOrdersOptions {
  storeId?: number;
  /** Orders updated at or after it (see normalizeSince); overrides the watermark. */
  since?: string;
  /** Ignore the watermark: read every order. */
  full?: boolean;
  signal?: AbortSignal;
  /** Orders processed so far, over all stores. */
  onProgress?: (imported: number) => void;
  /** Warnings and drift are returned only, not logged (the CLI prints them itself, once). */
  quiet?: boolean;
}

const SINCE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?$/;

/**
 * `--since`: ISO 8601 with an offset (`2026-03-29T03:30:00+02:00`, what `--json` prints, unambiguous
 * for every platform) is kept as is; a bare `YYYY-MM-DD[ HH:MM:SS]` is the shop's wall clock for
 * PrestaShop and UTC for Shopify and WooCommerce, and comes back as `YYYY-MM-DD HH:MM:SS`.
 */
export function normalizeSince(since: string): string {
  const text = since.trim();
  if (hasOffset(text) && !Number.isNaN(Date.parse(text))) return text;
  const match = SINCE.exec(text);
  if (!match || Number.isNaN(parseWallTime(`${match[1]} ${match[2] ?? '00:00:00'}`))) {
    throw new ValidationError('INVALID_SINCE', `since must be ISO 8601 with an offset (2026-03-29T03:30:00+02:00), or a date or time YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" (shop-local for PrestaShop, UTC for Shopify and WooCommerce), got ${JSON.stringify(since)}`);
  }
  return `${match[1]} ${match[2] ?? '00:00:00'}`;
}

/**
 * Imports new and changed orders of each store, incrementally by the platform's updated-at: pages
 * walked by keyset through the store's port (neutral-orders-pull.ts, one algorithm for every
 * platform), each committed with the store's watermark so that an interrupted pull resumes where it
 * stopped. id_origin is unique per store, never across stores. Parts the key may not read
 * (PrestaShop customers, addresses, countries) are left out with one warning each.
 */
export async function pullOrders(app: PullDeps, options: PullOrdersOptions = {}): Promise<OrdersPullReport> {
  const since = options.since === undefined ? undefined : normalizeSince(options.since);
  const stores = options.storeId === undefined ? await listStores(app.db, { activeOnly: true }) : [await getStoreById(app.db, options.storeId)];
  const initial = app.config.orders.initial_state;
  if (!(await app.db.selectFrom('order_states').select('id_order_state').where('id_order_state', '=', initial).executeTakeFirst())) {
    throw new ConfigError(`orders.initial_state is ${initial}, which is not a local order state`, { hint: 'Set orders.initial_state in ecom-sync.config.yaml to an id of the order_states table (1 = In attesa di pagamento).' });
  }
  const results: StoreOrdersPullResult[] = [];
  let imported = 0;
  for (const store of stores) {
    options.signal?.throwIfAborted();
    const start = options.full ? null : since ?? store.orders_watermark ?? null;
    const progress = (count: number) => {
      imported += count;
      options.onProgress?.(imported);
    };
    results.push(await pullNeutralStoreOrders(app, store, start, options.signal, progress, { quiet: options.quiet ?? false }));
  }
  const sum = (key: 'fetched' | 'created' | 'updated' | 'unchanged') => results.reduce((total, r) => total + r[key], 0);
  const failed = results.filter((r) => !r.ok).length;
  return {
    ok: failed === 0,
    stores: results,
    totals: { stores: results.length, failed, fetched: sum('fetched'), created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged'), drift: results.reduce((t, r) => t + r.drift.length, 0) },
  };
}
