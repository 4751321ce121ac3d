import type { Dispatcher } from 'undici';
import type { App } from '../app.js';
import type { PlatformKind, PlatformPort } from '../platforms/platform-port.js';
import { retryPolicyFromConfig } from '../platforms/retry.js';
import { shopifyConnection } from '../stores/shopify-store-options.js';
import type { StoreRow } from '../stores/store-repository.js';

/** Which platform a store is on, by `platforms.name` (seeded PrestaShop, Shopify, WooCommerce). */
export function storePlatformKind(store: Pick<StoreRow, 'platform_name'>): PlatformKind {
  const name = store.platform_name.toLowerCase();
  return name === 'shopify' ? 'shopify' : name === 'woocommerce' ? 'woocommerce' : 'prestashop';
}

/**
 * The port of a Shopify or WooCommerce store for the orders pull and the webhook refresher, built
 * from the platform's factory and its store-connection helper (secrets resolved from the row or the
 * environment, never logged). Clients load on first use, so PrestaShop-only runs load none of this.
 */
export async function neutralPlatformPort(app: App, store: StoreRow, dispatcher: Dispatcher): Promise<PlatformPort> {
  const kind = storePlatformKind(store);
  if (kind === 'shopify') {
    const { createShopifyPlatform } = await import('../platforms/shopify/index.js');
    return createShopifyPlatform(shopifyConnection(store, app.env), { dispatcher, totalTimeoutMs: app.config.sync.total_timeout_ms, clock: app.clock });
  }
  if (kind === 'woocommerce') {
    const { createWooCommercePlatform } = await import('../platforms/woocommerce/index.js');
    const { storeConnection } = await import('../platforms/woocommerce/store-connection.js');
    return createWooCommercePlatform(storeConnection(store, app.env), {
      dispatcher, totalTimeoutMs: app.config.sync.total_timeout_ms, readRetry: retryPolicyFromConfig(app.config.sync), sleep: (ms, signal) => app.clock.sleep(ms, signal),
    });
  }
  throw new Error(`store ${store.name} (#${store.id_store}) is a PrestaShop store: its orders come through the PrestaShop client`);
}
