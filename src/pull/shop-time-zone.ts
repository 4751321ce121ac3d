import type { App } from '../app-types.js';
import { readSetting, writeSetting } from '../db/app-settings.js';
import { isKnownTimeZone } from '../dates/time-zone.js';
import { isEcomSyncError } from '../errors.js';
import type { Platform } from '../platforms/platform.js';
import { parseStoreSettings } from '../stores/store-secret.js';
import type { StoreRow } from '../stores/store-repository.js';

/** How long the shop's PS_TIMEZONE is trusted before it is read again. */
export const SHOP_TIME_ZONE_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoreTimeZone {
  /** An IANA zone Intl knows; `UTC` when neither the store nor the shop gives a usable one. */
  timeZone: string;
  /** `store`: `stores update --timezone`; `shop`: PS_TIMEZONE; `unknown`: UTC by default. */
  source: 'store' | 'shop' | 'unknown';
  /** Platform requests made for it: 0, or 1 at most once a day. */
  requests: number;
  warning?: string;
}

function settingName(storeId: number): string {
  return `store.${storeId}.timezone`;
}

/** The `--timezone` of a store (stores.settings.timezone), when it is a zone Intl knows. */
export function configuredTimeZone(store: StoreRow): string | null {
  try {
    const zone = parseStoreSettings(store).timezone;
    return typeof zone === 'string' && isKnownTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}

interface Remembered {
  /** What PS_TIMEZONE said ('' when the shop did not say), or null when the key may not read it. */
  said: string | null;
  at: number;
}

function recall(text: string | null): Remembered | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<Remembered>;
    return typeof value.at === 'number' && (typeof value.said === 'string' || value.said === null) ? { said: value.said, at: value.at } : null;
  } catch {
    return null;
  }
}

function resolved(store: StoreRow, said: string | null, requests: number): StoreTimeZone {
  if (said !== null && isKnownTimeZone(said)) return { timeZone: said, source: 'shop', requests };
  const why = said === null
    ? 'the API key may not read configurations (PS_TIMEZONE)'
    : said === '' ? 'the shop does not say its time zone (PS_TIMEZONE)' : `the shop's time zone ${JSON.stringify(said)} (PS_TIMEZONE) is not one ecom-sync knows`;
  return {
    timeZone: 'UTC', source: 'unknown', requests,
    warning: `${why}: its dates are read as UTC (set it with \`ecom-sync stores update ${store.id_store} --timezone Europe/Rome\`)`,
  };
}

/**
 * The zone a PrestaShop store's dates are written in: PrestaShop stores and filters date_add /
 * date_upd as the shop's wall clock, without an offset. The store's own `--timezone` wins; else
 * the shop's PS_TIMEZONE, remembered for a day in app_settings (shared by every process) so that
 * pulls cost one extra request a day at most; else UTC, with a warning.
 */
export async function storeTimeZone(app: App, store: StoreRow, platform: Platform, signal?: AbortSignal): Promise<StoreTimeZone> {
  const configured = configuredTimeZone(store);
  if (configured !== null) return { timeZone: configured, source: 'store', requests: 0 };
  const now = app.clock.now();
  const remembered = recall(await readSetting(app.db, settingName(store.id_store)));
  if (remembered !== null && now - remembered.at >= 0 && now - remembered.at < SHOP_TIME_ZONE_TTL_MS) return resolved(store, remembered.said, 0);
  let said: string | null;
  try {
    said = (await platform.getTimeZone(signal === undefined ? {} : { signal })) ?? '';
  } catch (error) {
    if (!(isEcomSyncError(error) && error.code === 'PLATFORM_PERMISSION')) throw error;
    said = null;
  }
  await writeSetting(app.db, settingName(store.id_store), JSON.stringify({ said, at: now } satisfies Remembered));
  return resolved(store, said, 1);
}

