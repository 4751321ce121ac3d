import type { Dispatcher } from 'undici';
import { fail } from '../errors.js';
import type { Platform } from './platform.js';
import { createPrestaShopPlatform } from './prestashop/index.js';
import type { WebserviceFormat } from './prestashop/index.js';
import type { WebserviceCall } from './prestashop/webservice-request.js';
import type { RetryPolicy } from './retry.js';

/** The columns of a `stores` row (joined with `platforms.name`) a client needs. */
export interface StoreConnectionRow {
  id_store: number;
  name: string;
  platform_name: string;
  base_url: string;
  api_key: string;
  /** Multistore context and URL form (stores.shop_id, shop_group_id, url_rewrite). */
  shop_id?: number | null;
  shop_group_id?: number | null;
  url_rewrite?: number | boolean | null;
}

export interface PlatformDeps {
  dispatcher: Dispatcher;
  totalTimeoutMs: number;
  readRetry: RetryPolicy;
  format?: WebserviceFormat;
  /** Told about every platform call (`-v`). */
  onCall?: (call: WebserviceCall) => void;
}

export const SUPPORTED_PLATFORMS = ['prestashop'] as const;

/** The client of a store's platform, chosen by `platforms.name` (`PrestaShop`, any case). */
export function createPlatform(store: StoreConnectionRow, deps: PlatformDeps): Platform {
  const connection = {
    baseUrl: store.base_url, apiKey: store.api_key, storeId: store.id_store, storeName: store.name,
    shopId: store.shop_id ?? null, shopGroupId: store.shop_group_id ?? null, urlRewrite: store.url_rewrite === undefined || store.url_rewrite === null ? true : Boolean(Number(store.url_rewrite)),
  };
  switch (store.platform_name.trim().toLowerCase()) {
    case 'prestashop':
      return createPrestaShopPlatform(connection, {
        dispatcher: deps.dispatcher,
        totalTimeoutMs: deps.totalTimeoutMs,
        readRetry: deps.readRetry,
        ...(deps.format === undefined ? {} : { format: deps.format }),
        ...(deps.onCall === undefined ? {} : { onCall: deps.onCall }),
      });
    default:
      throw fail('UNKNOWN_PLATFORM', { platform: store.platform_name, where: `store ${store.name} (#${store.id_store})` });
  }
}
