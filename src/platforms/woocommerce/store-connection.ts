import type { StoreRow } from '../../stores/store-repository.js';
import { resolveStoreApiKey } from '../../stores/store-credentials.js';
import { parseStoreSettings, resolveStoreApiSecret } from '../../stores/store-secret.js';
import type { PlatformStoreConnection } from '../platform-port.js';

/** A `stores` row as the port's connection: key and secret resolved (from the environment where named). */
export function storeConnection(store: StoreRow, env: NodeJS.ProcessEnv): PlatformStoreConnection {
  return {
    storeId: store.id_store,
    storeName: store.name,
    baseUrl: store.base_url,
    apiKey: resolveStoreApiKey(store, env),
    apiSecret: resolveStoreApiSecret(store, env),
    settings: parseStoreSettings(store),
  };
}
