import type { PullDeps } from './pull-deps.js';
import type { PlatformPort } from '../platforms/platform-port.js';
import type { StoreRow } from '../stores/store-repository.js';

/**
 * The port of a store for the pulls and the webhook refresher, whatever its platform: the app's
 * registry (Shopify and WooCommerce: one client per store for the app's lifetime, tokens and
 * throttle buckets; PrestaShop: over the store's webservice client, the app's keep-alive agent).
 */
export async function storePlatformPort(app: PullDeps, store: StoreRow): Promise<PlatformPort> {
  return app.platforms.portForStore(store, app.env);
}
