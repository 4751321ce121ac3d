import type { PullDeps } from './pull-deps.js';
import { readSetting, writeSetting } from '../db/app-settings.js';
import type { Platform } from '../platforms/platform.js';
import type { StoreRow } from '../stores/store-repository.js';

/** How long the shop's default language is trusted before it is read again. */
export const DEFAULT_LANGUAGE_TTL_MS = 24 * 60 * 60 * 1000;

function settingName(storeId: number): string {
  return `store.${storeId}.default_lang`;
}

/**
 * The language a store's state names are pulled in: its own `id_lang`, else the shop's default
 * language. The shop's default costs a request of its own, so it is remembered for a day (in
 * app_settings, shared by every process): the hourly states pull stays one request per store.
 */
export async function storeLanguage(app: PullDeps, store: StoreRow, platform: Platform, signal?: AbortSignal): Promise<number> {
  if (store.id_lang !== null) return store.id_lang;
  const now = app.clock.now();
  const remembered = await readSetting(app.db, settingName(store.id_store));
  const match = remembered === null ? null : /^(\d+)@(\d+)$/.exec(remembered);
  if (match && now - Number(match[2]) < DEFAULT_LANGUAGE_TTL_MS) return Number(match[1]);
  const languageId = await platform.getDefaultLanguageId(signal === undefined ? {} : { signal });
  await writeSetting(app.db, settingName(store.id_store), `${languageId}@${now}`);
  return languageId;
}
