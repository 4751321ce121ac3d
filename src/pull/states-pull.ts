import type { PullDeps } from './pull-deps.js';
import { bumpStatesVersion } from '../db/app-settings.js';
import { toDbTimestamp } from '../db/dialect.js';
import { isEcomSyncError } from '../errors.js';
import { clearStoreCredentialsFailure, getStoreById, listStores, markStoreCredentialsFailing, type StoreRow } from '../stores/store-repository.js';
import { diffStateCatalogue, type StoredState } from './state-catalogue-diff.js';
import { flaggedStateTriggerWarnings } from './flagged-trigger-warnings.js';
import type { CatalogueReadInfo, CatalogueState } from '../platforms/platform-port.js';
import { numberCatalogue } from './state-catalogue-ids.js';
import { storePlatformPort } from './store-platform-port.js';

export interface StoreStatesPullResult {
  id_store: number;
  store: string;
  ok: boolean;
  /** The platform language the names were read in (PrestaShop's; null where the platform has none). */
  id_lang: number | null;
  /** States the platform listed. */
  fetched: number;
  /** Platform requests the pull made (PrestaShop: 1, 2 when it read the shop's default language). */
  requests: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Became deleted (`deleted=1`) or missing (no longer listed) with this pull. */
  flagged: number;
  /** Currently flagged states of the store, after the pull. */
  deleted_total: number;
  missing_total: number;
  warnings: string[];
  error?: { code: string; message: string };
}

export interface StatesPullReport {
  ok: boolean;
  stores: StoreStatesPullResult[];
  totals: { stores: number; failed: number; created: number; updated: number; unchanged: number; flagged: number };
}

export interface PullStatesOptions {
  /** One store (even an inactive one); default every active store. */
  storeId?: number;
  signal?: AbortSignal;
  /**
   * Apply a pull that flags more than half of a store's states (deleted or gone). Without it such
   * a pull is refused: the shop deleting most states at once is almost always a broken answer.
   */
  acceptRemovals?: boolean;
  /** Warnings are returned only, not logged (the CLI prints them itself, once). */
  quiet?: boolean;
}

/** `store X (#1): ` at the start of a message, so that a line naming the store does not name it twice. */
export function withoutStoreLabel(message: string, store: { id_store: number; name: string }): string {
  const label = `store ${store.name} (#${store.id_store}): `;
  return message.startsWith(label) ? message.slice(label.length) : message;
}

/** A pull would flag more than this share of a store's usable states: refused unless accepted. */
export const MASS_REMOVAL_SHARE = 0.5;

/**
 * The spec's periodic state synchronization, the same for every platform: the store port's whole
 * catalogue (PrestaShop: one request, in the store's language, the shop's default remembered a
 * day), upserted by (store, platform state id) in one transaction per store. States are never
 * dropped: deleted or vanished ones are flagged; a pull that would flag most of them is refused
 * (STATES_REMOVAL_UNCONFIRMED); a change bumps the version that invalidates the init cache. A store
 * that fails (bad key, unreachable, an incomplete answer) is reported and the others are still pulled.
 */
export async function pullStates(app: PullDeps, options: PullStatesOptions = {}): Promise<StatesPullReport> {
  const stores = options.storeId === undefined ? await listStores(app.db, { activeOnly: true }) : [await getStoreById(app.db, options.storeId)];
  const results: StoreStatesPullResult[] = [];
  for (const store of stores) {
    options.signal?.throwIfAborted();
    results.push(await pullStoreStates(app, store, options));
  }
  const sum = (key: 'created' | 'updated' | 'unchanged' | 'flagged') => results.reduce((total, result) => total + result[key], 0);
  const failed = results.filter((result) => !result.ok).length;
  return {
    ok: failed === 0,
    stores: results,
    totals: { stores: results.length, failed, created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged'), flagged: sum('flagged') },
  };
}

function emptyResult(store: StoreRow): StoreStatesPullResult {
  return {
    id_store: store.id_store, store: store.name, ok: false, id_lang: store.id_lang, fetched: 0, requests: 0,
    created: 0, updated: 0, unchanged: 0, flagged: 0, deleted_total: 0, missing_total: 0, warnings: [],
  };
}

async function pullStoreStates(app: PullDeps, store: StoreRow, options: PullStatesOptions): Promise<StoreStatesPullResult> {
  const signal = options.signal;
  const result = emptyResult(store);
  const signalOption = signal === undefined ? {} : { signal };
  // The port's catalogue, keyed by code; numbered (the spec's id_platform_state) in the transaction.
  let catalogue: CatalogueState[];
  try {
    const port = await storePlatformPort(app, store);
    const info: CatalogueReadInfo = {};
    catalogue = await port.pullStateCatalogue({ ...signalOption, info });
    result.id_lang = info.languageId ?? null;
    result.requests = info.requests ?? (port.capabilities.stateCatalogue === 'fixed' ? 0 : 1);
  } catch (error) {
    if (!isEcomSyncError(error) || signal?.aborted) throw error;
    result.error = { code: error.code, message: withoutStoreLabel(error.message, store) };
    app.logger.error(`Sync stati ordine fallito per store ${store.id_store} (${store.name}): ${result.error.message}`);
    if (error.code === 'PLATFORM_UNAUTHORIZED') {
      await markStoreCredentialsFailing(app.db, store.id_store, error.message, toDbTimestamp(new Date(app.clock.now())));
    }
    return result;
  }
  result.fetched = catalogue.length;

  const now = toDbTimestamp(new Date(app.clock.now()));
  const refused = await app.db.transaction().execute(async (trx) => {
    const stored: Array<StoredState & { code: string | null }> = await trx.selectFrom('ecommerce_order_states')
      .select(['id_ecommerce_order_state', 'id_platform_state', 'code', 'name', 'platform_name', 'is_deleted', 'is_missing', 'send_email'])
      .where('id_store', '=', store.id_store)
      .execute();
    const { states: pulled, codes } = numberCatalogue(stored, catalogue);
    const diff = diffStateCatalogue(stored, pulled, store.platform_name);
    const usable = stored.filter((row) => Number(row.is_deleted) === 0 && Number(row.is_missing) === 0).length;
    if (!options.acceptRemovals && usable > 0 && diff.flag.length > usable * MASS_REMOVAL_SHARE) {
      return { flag: diff.flag.length, usable };
    }
    if (diff.create.length > 0) {
      await trx.insertInto('ecommerce_order_states')
        .values(diff.create.map((values) => ({ ...values, code: codes.get(values.id_platform_state) ?? String(values.id_platform_state), id_store: store.id_store, date_add: now, updated_at: now })))
        .execute();
    }
    // Only rows that changed are written: a catalogue pulled again hourly usually writes nothing.
    for (const { row, values } of [...diff.update, ...diff.flag]) {
      await trx.updateTable('ecommerce_order_states')
        .set({ ...values, updated_at: now })
        .where('id_ecommerce_order_state', '=', row.id_ecommerce_order_state)
        .execute();
    }
    result.created = diff.create.length;
    result.updated = diff.update.length;
    result.flagged = diff.flag.length;
    result.unchanged = diff.unchanged.length;
    if (result.created + result.updated + result.flagged > 0) await bumpStatesVersion(trx, app.clock.now());

    const totals = await trx.selectFrom('ecommerce_order_states')
      .select((eb) => [eb.fn.sum<number>('is_deleted').as('deleted'), eb.fn.sum<number>('is_missing').as('missing')])
      .where('id_store', '=', store.id_store)
      .executeTakeFirst();
    result.deleted_total = Number(totals?.deleted ?? 0);
    result.missing_total = Number(totals?.missing ?? 0);
    result.warnings = await flaggedStateTriggerWarnings(trx, store.id_store);
    return null;
  });
  if (refused !== null) {
    // Nothing written: the shop answered a catalogue without most of the states it had.
    result.error = {
      code: 'STATES_REMOVAL_UNCONFIRMED',
      message: `the shop listed ${catalogue.length} states: ${refused.flag} of the ${refused.usable} states of this store would be flagged as deleted or gone, so nothing was changed (the shop deleting most states at once is almost always a broken answer); check the shop, then run: ecom-sync states pull --store ${store.id_store} --accept-removals`,
    };
    app.logger.error(`Sync stati ordine rifiutato per store ${store.id_store} (${store.name}): ${result.error.message}`);
    return result;
  }
  if (!options.quiet) for (const warning of result.warnings) app.logger.warn(warning);
  if (store.credentials_error) await clearStoreCredentialsFailure(app.db, store.id_store);
  result.ok = true;
  app.logger.info(`Stati ordine sincronizzati per store ${store.id_store} (${store.name}): ${result.created} creati, ${result.updated} aggiornati, ${result.flagged} segnalati, ${result.unchanged} invariati`);
  return result;
}
