import type { PullDeps } from './pull-deps.js';
import { toDbTimestamp } from '../db/dialect.js';
import { isEcomSyncError } from '../errors.js';
import { clearStoreCredentialsFailure, markStoreCredentialsFailing, type StoreRow } from '../stores/store-repository.js';
import type { StoreOrdersPullResult } from './orders-pull-types.js';
import { withoutStoreLabel } from './states-pull.js';

/**
 * The end of one store's `orders pull` when it failed, the same for every platform: the error is
 * the store's result (the other stores go on), logged once, and a refused key is marked failing.
 * Anything that is not an EcomSyncError, or a stop asked for, is thrown on.
 */
export async function failStorePull(app: PullDeps, store: StoreRow, result: StoreOrdersPullResult, error: unknown, signal?: AbortSignal): Promise<StoreOrdersPullResult> {
  if (!isEcomSyncError(error) || signal?.aborted) throw error;
  result.error = { code: error.code, message: withoutStoreLabel(error.message, store) };
  app.logger.error(`Import ordini fallito per store ${store.id_store} (${store.name}): ${result.error.message}`);
  if (error.code === 'PLATFORM_UNAUTHORIZED') await markStoreCredentialsFailing(app.db, store.id_store, error.message, toDbTimestamp(new Date(app.clock.now())));
  return result;
}

/**
 * The end of one store's `orders pull` when every page went in: the key works again, warnings
 * and drift are logged (unless quiet: the CLI prints them itself, once), the summary line.
 */
export async function completeStorePull(app: PullDeps, store: StoreRow, result: StoreOrdersPullResult, options: { quiet?: boolean }): Promise<StoreOrdersPullResult> {
  if (store.credentials_error) await clearStoreCredentialsFailure(app.db, store.id_store);
  if (!options.quiet) {
    for (const warning of result.warnings) app.logger.warn(`store ${store.name} (#${store.id_store}): ${warning}`);
    for (const d of result.drift) {
      app.logger.warn(`order ${d.id_order} (platform ${d.id_origin}) of store ${store.id_store} moved on the platform from state ${d.platform_state_before ?? '-'} to ${d.platform_state_now}; local state ${d.local_state} left unchanged`);
    }
  }
  result.ok = true;
  app.logger.info(`Ordini importati da store ${store.id_store} (${store.name}): ${result.created} nuovi, ${result.updated} aggiornati, ${result.unchanged} invariati, ${result.drift.length} con stato cambiato sulla piattaforma`);
  return result;
}
