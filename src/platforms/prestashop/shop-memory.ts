import { isKnownTimeZone } from '../../dates/time-zone.js';
import { isEcomSyncError } from '../../errors.js';
import type { Platform } from '../platform.js';
import type { PortMemory } from '../port-memory.js';

/**
 * What a PrestaShop store's port reads of the shop's configuration once a day and remembers (in
 * the installation's PortMemory, shared by every process): the default language state names are
 * pulled in (PS_LANG_DEFAULT) and the zone of its dates (PS_TIMEZONE). Each costs a request of
 * its own, so the hourly pulls stay one request per catalogue and per page.
 */

/** How long the shop's default language is trusted before it is read again. */
export const DEFAULT_LANGUAGE_TTL_MS = 24 * 60 * 60 * 1000;
/** How long the shop's PS_TIMEZONE is trusted before it is read again. */
export const SHOP_TIME_ZONE_TTL_MS = 24 * 60 * 60 * 1000;

export interface ShopMemoryDeps {
  storeId: number;
  memory: PortMemory;
  now(): number;
}

export interface ShopLanguage {
  languageId: number;
  /** Platform requests made for it: 0, or 1 at most once a day. */
  requests: number;
}

/**
 * The language a store's state names are pulled in: its own `id_lang`, else the shop's default
 * language, remembered for a day (`store.<id>.default_lang`: `<id>@<epoch ms>`).
 */
export async function shopLanguage(deps: ShopMemoryDeps, storeLanguageId: number | null, client: Platform, signal?: AbortSignal): Promise<ShopLanguage> {
  if (storeLanguageId !== null) return { languageId: storeLanguageId, requests: 0 };
  const name = `store.${deps.storeId}.default_lang`;
  const now = deps.now();
  const remembered = await deps.memory.read(name);
  const match = remembered === null ? null : /^(\d+)@(\d+)$/.exec(remembered);
  if (match && now - Number(match[2]) < DEFAULT_LANGUAGE_TTL_MS) return { languageId: Number(match[1]), requests: 0 };
  const languageId = await client.getDefaultLanguageId(signal === undefined ? {} : { signal });
  await deps.memory.write(name, `${languageId}@${now}`);
  return { languageId, requests: 1 };
}

export interface ShopTimeZone {
  /** An IANA zone Intl knows; `UTC` when neither the store nor the shop gives a usable one. */
  timeZone: string;
  /** `store`: `stores update --timezone`; `shop`: PS_TIMEZONE; `unknown`: UTC by default. */
  source: 'store' | 'shop' | 'unknown';
  /** Platform requests made for it: 0, or 1 at most once a day. */
  requests: number;
  warning?: string;
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

function resolved(storeId: number, said: string | null, requests: number): ShopTimeZone {
  if (said !== null && isKnownTimeZone(said)) return { timeZone: said, source: 'shop', requests };
  const why = said === null
    ? 'the API key may not read configurations (PS_TIMEZONE)'
    : said === '' ? 'the shop does not say its time zone (PS_TIMEZONE)' : `the shop's time zone ${JSON.stringify(said)} (PS_TIMEZONE) is not one ecom-sync knows`;
  return {
    timeZone: 'UTC', source: 'unknown', requests,
    warning: `${why}: its dates are read as UTC (set it with \`ecom-sync stores update ${storeId} --timezone Europe/Rome\`)`,
  };
}

/**
 * The zone a PrestaShop store's dates are written in: PrestaShop stores and filters date_add /
 * date_upd as the shop's wall clock, without an offset. The store's own `--timezone` wins; else
 * the shop's PS_TIMEZONE, remembered for a day (`store.<id>.timezone`); else UTC, with a warning.
 */
export async function shopTimeZone(deps: ShopMemoryDeps, configured: string | null, client: Platform, signal?: AbortSignal): Promise<ShopTimeZone> {
  if (configured !== null && isKnownTimeZone(configured)) return { timeZone: configured, source: 'store', requests: 0 };
  const name = `store.${deps.storeId}.timezone`;
  const now = deps.now();
  const remembered = recall(await deps.memory.read(name));
  if (remembered !== null && now - remembered.at >= 0 && now - remembered.at < SHOP_TIME_ZONE_TTL_MS) return resolved(deps.storeId, remembered.said, 0);
  let said: string | null;
  try {
    said = (await client.getTimeZone(signal === undefined ? {} : { signal })) ?? '';
  } catch (error) {
    if (!(isEcomSyncError(error) && error.code === 'PLATFORM_PERMISSION')) throw error;
    said = null;
  }
  await deps.memory.write(name, JSON.stringify({ said, at: now } satisfies Remembered));
  return resolved(deps.storeId, said, 1);
}
