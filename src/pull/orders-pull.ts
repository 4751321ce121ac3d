import type { PullDeps } from './pull-deps.js';
import { toDbTimestamp } from '../db/dialect.js';
import { ConfigError, isEcomSyncError, ValidationError } from '../errors.js';
import type { PlatformOrder } from '../platforms/platform.js';
import { clearStoreCredentialsFailure, getStoreById, listStores, markStoreCredentialsFailing, type StoreRow } from '../stores/store-repository.js';
import { importOrdersPage } from './orders-page-import.js';
import type { StoreOrdersPullResult } from './orders-pull-types.js';
import { pullNeutralStoreOrders } from './neutral-orders-pull.js';
import { storePlatformKind } from './store-platform-port.js';

export type { StoreOrdersPullResult } from './orders-pull-types.js';
import { localCountryIds } from './country-matching.js';
import { pullStates, withoutStoreLabel } from './states-pull.js';

export interface OrdersPullReport {
  ok: boolean;
  stores: StoreOrdersPullResult[];
  totals: { stores: number; failed: number; fetched: number; created: number; updated: number; unchanged: number; drift: number };
}

export interface PullOrdersOptions {
  storeId?: number;
  /** Shop-local `YYYY-MM-DD[ HH:MM:SS]`: orders updated at or after it; overrides the watermark. */
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
const IDS_PER_LOOKUP = 100;

export function normalizeSince(since: string): string {
  const match = SINCE.exec(since.trim());
  if (!match || Number.isNaN(Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}Z`))) {
    throw new ValidationError('INVALID_SINCE', `since must be a shop-local date or time, YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(since)}`);
  }
  return `${match[1]} ${match[2] ?? '00:00:00'}`;
}

/**
 * Imports new and changed orders of each store, incrementally by the platform's date_upd: pages
 * walked by keyset (date_upd, id), each committed with the store's watermark so that an
 * interrupted pull resumes where it stopped. id_origin is unique per store, never across stores.
 * Parts the key may not read (customers, addresses, countries) are left out with one warning each.
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
    const pull = storePlatformKind(store) === 'prestashop' ? pullStoreOrders : pullNeutralStoreOrders;
    results.push(await pull(app, store, start, options.signal, progress, { quiet: options.quiet ?? false }));
  }
  const sum = (key: 'fetched' | 'created' | 'updated' | 'unchanged') => results.reduce((total, r) => total + r[key], 0);
  const failed = results.filter((r) => !r.ok).length;
  return {
    ok: failed === 0,
    stores: results,
    totals: { stores: results.length, failed, fetched: sum('fetched'), created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged'), drift: results.reduce((t, r) => t + r.drift.length, 0) },
  };
}

async function loadStateIds(app: PullDeps, storeId: number): Promise<{ stateIds: Map<number, number>; platformIdOf: Map<number, number> }> {
  const rows = await app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state']).where('id_store', '=', storeId).execute();
  return {
    stateIds: new Map(rows.map((r) => [r.id_platform_state, r.id_ecommerce_order_state])),
    platformIdOf: new Map(rows.map((r) => [r.id_ecommerce_order_state, r.id_platform_state])),
  };
}

function maxDate(a: string | null, orders: readonly PlatformOrder[]): string | null {
  let max = a;
  for (const o of orders) if (!o.dateUpd.startsWith('0000') && (max === null || o.dateUpd > max)) max = o.dateUpd;
  return max;
}

/** Orders strictly after the keyset cursor (date_upd, id): what a page brings that was not imported yet. */
function afterCursor(order: PlatformOrder, cursor: { date: string; id: number } | null): boolean {
  if (cursor === null) return true;
  return order.dateUpd > cursor.date || (order.dateUpd === cursor.date && order.id > cursor.id);
}

type PageMode = 'from' | 'sameSecond' | 'after';

async function pullStoreOrders(app: PullDeps, store: StoreRow, since: string | null, signal: AbortSignal | undefined, progress: (count: number) => void, options: { quiet?: boolean }): Promise<StoreOrdersPullResult> {
  const result: StoreOrdersPullResult = {
    id_store: store.id_store, store: store.name, ok: false, since, fetched: 0, created: 0, updated: 0, unchanged: 0,
    drift: [], pages: 0, requests: 0, watermark: store.orders_watermark, warnings: [],
  };
  const pageSize = Math.min(Math.max(1, app.config.orders.page_size), 100);
  const signalOption = signal === undefined ? {} : { signal };
  const missingPermissions = new Set<string>();
  /** A part the key may not read: the orders are imported without it, one warning per permission. */
  async function readable<T>(resource: string, read: () => Promise<T[]>): Promise<T[]> {
    if (missingPermissions.has(resource)) return [];
    try {
      return await read();
    } catch (error) {
      if (!(isEcomSyncError(error) && error.code === 'PLATFORM_PERMISSION')) throw error;
      missingPermissions.add(resource);
      result.warnings.push(`the API key may not read ${resource}: orders are imported without them (${error.hint ?? ''})`);
      return [];
    }
  }
  try {
    const platform = await app.platforms.forStore(store, app.env);
    let states = await loadStateIds(app, store.id_store);
    let statesPulled = false;
    const warnedStates = new Set<number>();
    const countryIds = new Map<number, number | null>();
    // Keyset paging by (date_upd, id), never by offset: an order updated while the pull runs moves to
    // the end of the walk instead of shifting the following pages (which skipped one order each time).
    // 'from': date_upd >= cursor date, already imported ones dropped; 'sameSecond': the rest of a second
    // that fills whole pages; 'after': date_upd > cursor date, once that second is drained.
    let cursor: { date: string; id: number } | null = since === null ? null : { date: since, id: 0 };
    let mode: PageMode = 'from';
    for (;;) {
      signal?.throwIfAborted();
      const page: PlatformOrder[] = cursor === null
        ? await platform.pullOrders({ limit: pageSize, ...signalOption })
        : mode === 'sameSecond'
          ? await platform.pullOrders({ since: cursor.date, sameSecondAfterId: cursor.id, limit: pageSize, ...signalOption })
          : await platform.pullOrders({ since: cursor.date, sinceExclusive: mode === 'after', limit: pageSize, ...signalOption });
      result.pages += 1;
      result.requests += 1;
      const orders: PlatformOrder[] = page.filter((order) => afterCursor(order, cursor));
      if (orders.length > 0) {
        const unknown = () => [...new Set(orders.map((o) => o.currentState))].filter((id) => !states.stateIds.has(id));
        if (unknown().length > 0 && !statesPulled) {
          // A state added on the shop since the last states pull: refresh the catalogue once.
          statesPulled = true;
          const report = await pullStates(app, { storeId: store.id_store, quiet: true, ...signalOption });
          result.requests += 1 + (store.id_lang === null ? 1 : 0);
          result.warnings.push(...(report.stores[0]?.warnings ?? []));
          if (!report.ok) result.warnings.push(`could not refresh the state catalogue: ${withoutStoreLabel(report.stores[0]?.error?.message ?? 'unknown error', store)}`);
          states = await loadStateIds(app, store.id_store);
        }
        for (const id of unknown()) {
          if (warnedStates.has(id)) continue;
          warnedStates.add(id);
          result.warnings.push(`platform state ${id} is not in the catalogue of store ${store.name}: orders in it are imported without an e-commerce state`);
        }
        const customerIds = [...new Set(orders.map((o) => o.idCustomer).filter((id) => id > 0))];
        const addressIds = [...new Set(orders.flatMap((o) => [o.idAddressDelivery, o.idAddressInvoice]).filter((id) => id > 0))];
        const before = missingPermissions.size;
        const customers = customerIds.length === 0 ? [] : await readable('customers', () => platform.getCustomers(customerIds, signalOption));
        const rawAddresses = addressIds.length === 0 ? [] : await readable('addresses', () => platform.getAddresses(addressIds, signalOption));
        result.requests += Math.ceil(customerIds.length / IDS_PER_LOOKUP) + Math.ceil(addressIds.length / IDS_PER_LOOKUP) - (missingPermissions.size - before);
        // Countries by ISO code: the shop's ids are not the local ones.
        const newCountries = [...new Set(rawAddresses.map((a) => a.idCountry).filter((id) => id > 0 && !countryIds.has(id)))];
        if (newCountries.length > 0) {
          const countries = await readable('countries', () => platform.getCountries(newCountries, signalOption));
          if (!missingPermissions.has('countries')) result.requests += Math.ceil(newCountries.length / IDS_PER_LOOKUP);
          const local = await localCountryIds(app.db, countries);
          for (const id of newCountries) countryIds.set(id, local.get(id) ?? null);
        }
        const addresses = rawAddresses.map((a) => ({ ...a, idCountry: countryIds.get(a.idCountry) ?? 0 }));

        const now = toDbTimestamp(new Date(app.clock.now()));
        const watermark = maxDate(result.watermark, orders);
        const imported = await app.db.transaction().execute(async (trx) => {
          const pageResult = await importOrdersPage(trx, {
            store, orders, customers, addresses, stateIds: states.stateIds, platformIdOf: states.platformIdOf, initialState: app.config.orders.initial_state, now,
          });
          // Committed with the page: a pull stopped halfway resumes after the last committed page.
          await trx.updateTable('stores').set({ orders_watermark: watermark, orders_pulled_at: now }).where('id_store', '=', store.id_store).execute();
          return pageResult;
        });
        result.watermark = watermark;
        result.fetched += orders.length;
        result.created += imported.created;
        result.updated += imported.updated;
        result.unchanged += imported.unchanged;
        result.drift.push(...imported.drift);
        progress(orders.length);
        const last = orders[orders.length - 1] as PlatformOrder;
        cursor = { date: last.dateUpd, id: last.id };
      }
      if (mode === 'sameSecond') {
        if (page.length < pageSize) mode = 'after';
        continue;
      }
      if (page.length < pageSize) break;
      // A full page that brought nothing new: the cursor's second holds a page or more of orders already imported.
      mode = orders.length === 0 ? 'sameSecond' : 'from';
    }
  } catch (error) {
    if (!isEcomSyncError(error) || signal?.aborted) throw error;
    result.error = { code: error.code, message: withoutStoreLabel(error.message, store) };
    app.logger.error(`Import ordini fallito per store ${store.id_store} (${store.name}): ${result.error.message}`);
    if (error.code === 'PLATFORM_UNAUTHORIZED') await markStoreCredentialsFailing(app.db, store.id_store, error.message, toDbTimestamp(new Date(app.clock.now())));
    return result;
  }
  if (store.credentials_error) await clearStoreCredentialsFailure(app.db, store.id_store);
  // The CLI prints warnings and drift itself (quiet); the daemon logs them here.
  if (!options.quiet) for (const warning of result.warnings) app.logger.warn(`store ${store.name} (#${store.id_store}): ${warning}`);
  for (const d of options.quiet ? [] : result.drift) {
    app.logger.warn(`order ${d.id_order} (platform ${d.id_origin}) of store ${store.id_store} moved on the platform from state ${d.platform_state_before ?? '-'} to ${d.platform_state_now}; local state ${d.local_state} left unchanged`);
  }
  result.ok = true;
  app.logger.info(`Ordini importati da store ${store.id_store} (${store.name}): ${result.created} nuovi, ${result.updated} aggiornati, ${result.unchanged} invariati, ${result.drift.length} con stato cambiato sulla piattaforma`);
  return result;
}
