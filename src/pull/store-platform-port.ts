import type { PullDeps } from './pull-deps.js';
import type { PlatformKind, PlatformPort } from '../platforms/platform-port.js';
import type { StoreRow } from '../stores/store-repository.js';

/** Which platform a store is on, by `platforms.name` (seeded PrestaShop, Shopify, WooCommerce). */
export function storePlatformKind(store: Pick<StoreRow, 'platform_name'>): PlatformKind {
  const name = store.platform_name.toLowerCase();
  return name === 'shopify' ? 'shopify' : name === 'woocommerce' ? 'woocommerce' : 'prestashop';
}

/**
 * The port of a Shopify or WooCommerce store for the orders pull and the webhook refresher: the
 * app's registry (one client per store for the app's lifetime: tokens, throttle buckets, the app's
 * keep-alive agent). PrestaShop stores have none: their orders come through the PrestaShop client.
 */
export async function neutralPlatformPort(app: PullDeps, store: StoreRow): Promise<PlatformPort> {
  const port = await app.platforms.portForStore(store, app.env);
  if (port.kind === 'prestashop') throw new Error(`store ${store.name} (#${store.id_store}) is a PrestaShop store: its orders come through the PrestaShop client`);
  return port;
}
