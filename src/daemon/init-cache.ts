import type { App } from '../app-types.js';
import { settingReader, STATES_VERSION } from '../db/app-settings.js';
import { isoFromEpochMs } from '../dates/iso-date.js';

export interface InitData {
  platforms: Array<{ id_platform: number; name: string; is_default: boolean }>;
  languages: Array<{ id_lang: number; name: string; iso_code: string }>;
  countries: Array<{ id_country: number; name: string; iso_code: string }>;
  order_states: Array<{ id_order_state: number; name: string }>;
  shipping_states: Array<{ id_shipping_state: number; name: string }>;
  ecommerce_order_states: Array<{
    id_ecommerce_order_state: number;
    id_platform_state: number;
    id_store: number;
    name: string;
    platform_name: string;
    is_deleted: boolean;
    is_missing: boolean;
  }>;
  cache_info: { cached_at: string; expires_at: string; ttl_s: number; version: string | null };
}

export interface InitCache {
  get(): Promise<InitData>;
  /** The same data serialized once per rebuild, as UTF-8 bytes: what the route sends (no encoding per request). */
  getJson(): Promise<Buffer>;
  /** Drops the cached copy (the manual sync endpoint calls it after its pull). */
  invalidate(): void;
}

async function loadInitData(app: App) {
  const [platforms, languages, countries, orderStates, shippingStates, ecommerceStates] = [
    await app.db.selectFrom('platforms').select(['id_platform', 'name', 'is_default']).orderBy('id_platform').execute(),
    await app.db.selectFrom('languages').select(['id_lang', 'name', 'iso_code']).orderBy('id_lang').execute(),
    await app.db.selectFrom('countries').select(['id_country', 'name', 'iso_code']).orderBy('id_country').execute(),
    await app.db.selectFrom('order_states').select(['id_order_state', 'name']).orderBy('id_order_state').execute(),
    await app.db.selectFrom('shipping_state').select(['id_shipping_state', 'name']).orderBy('id_shipping_state').execute(),
    await app.db.selectFrom('ecommerce_order_states')
      .select(['id_ecommerce_order_state', 'id_platform_state', 'id_store', 'name', 'platform_name', 'is_deleted', 'is_missing'])
      .orderBy('id_store').orderBy('id_platform_state').execute(),
  ];
  return {
    platforms: platforms.map((p) => ({ ...p, is_default: Number(p.is_default) === 1 })),
    languages,
    countries,
    order_states: orderStates,
    shipping_states: shippingStates,
    // The local id is what orders.id_ecommerce_state and the triggers point to: clients need it.
    ecommerce_order_states: ecommerceStates.map((s) => ({ ...s, is_deleted: Number(s.is_deleted) === 1, is_missing: Number(s.is_missing) === 1 })),
  };
}

/**
 * The spec's init cache (one day by default). Pulls may run in another process (cron, a second
 * daemon), so each request compares the STATES_VERSION setting — one indexed single-row read — and
 * rebuilds the copy when a pull changed the catalogue.
 */
export function createInitCache(app: App, ttlSeconds: number): InitCache {
  let cached: { data: InitData; json: Buffer; version: string | null; expiresAt: number } | undefined;
  let building: Promise<NonNullable<typeof cached>> | undefined;
  const readVersion = settingReader(app.db, STATES_VERSION);

  const build = async (version: string | null): Promise<NonNullable<typeof cached>> => {
    const now = app.clock.now();
    const data = await loadInitData(app);
    const expiresAt = now + ttlSeconds * 1000;
    const full: InitData = {
      ...data,
      cache_info: { cached_at: isoFromEpochMs(now), expires_at: isoFromEpochMs(expiresAt), ttl_s: ttlSeconds, version },
    };
    cached = { data: full, json: Buffer.from(JSON.stringify(full)), version, expiresAt };
    return cached;
  };

  const current = async () => {
    const version = await readVersion();
    if (cached && cached.version === version && app.clock.now() < cached.expiresAt) return cached;
    // Concurrent requests share one rebuild.
    building ??= build(version).finally(() => { building = undefined; });
    return building;
  };

  return {
    async get() {
      return (await current()).data;
    },
    async getJson() {
      return (await current()).json;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
