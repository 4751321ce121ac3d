import type { Dispatcher } from 'undici';
import type { Config } from '../config/config-types.js';
import { resolveStoreApiKey, type StoreKeySource } from '../stores/store-credentials.js';
import type { Platform } from './platform.js';

export interface StoreForPlatform extends StoreKeySource {
  base_url: string;
  platform_name: string;
  format: string;
  shop_id?: number | null;
  shop_group_id?: number | null;
  url_rewrite?: number | null;
}

/** Where `-v` platform call lines go (a pino logger fits). */
export interface PlatformCallLog {
  debug(message: string): void;
}

export interface StorePlatforms {
  /** The platform client of a store; one per store and key, sharing the app's keep-alive agent. */
  forStore(store: StoreForPlatform, env?: NodeJS.ProcessEnv): Promise<Platform>;
  close(): Promise<void>;
}

/** Clients are built on first use, so commands that never reach a platform load no HTTP code. */
export async function createStorePlatforms(config: Config, dispatcherOverride?: Dispatcher, log?: PlatformCallLog): Promise<StorePlatforms> {
  let dispatcher: Dispatcher | undefined = dispatcherOverride;
  let ownsDispatcher = false;
  const clients = new Map<string, Platform>();

  return {
    async forStore(store, env = process.env) {
      const apiKey = resolveStoreApiKey(store, env);
      const cacheKey = `${store.id_store}:${store.base_url}:${store.format}:${store.shop_id ?? ''}:${store.shop_group_id ?? ''}:${store.url_rewrite ?? 1}:${apiKey}`;
      const cached = clients.get(cacheKey);
      if (cached) return cached;
      if (!dispatcher) {
        const { createHttpAgent } = await import('./http-agent.js');
        dispatcher = createHttpAgent({ connectTimeoutMs: config.sync.connect_timeout_ms, connections: Math.max(config.sync.concurrency_per_store * 2, 8) });
        ownsDispatcher = true;
      }
      const { createPlatform } = await import('./create-platform.js');
      const { retryPolicyFromConfig } = await import('./retry.js');
      const platform = createPlatform(
        {
          id_store: store.id_store, name: store.name, platform_name: store.platform_name, base_url: store.base_url, api_key: apiKey,
          shop_id: store.shop_id ?? null, shop_group_id: store.shop_group_id ?? null, url_rewrite: store.url_rewrite ?? 1,
        },
        {
          dispatcher,
          totalTimeoutMs: config.sync.total_timeout_ms,
          format: store.format === 'json' ? 'json' : 'xml',
          readRetry: retryPolicyFromConfig(config.sync),
          // `-v`: every call, never the key (it travels in the Authorization header only) nor the query.
          ...(log === undefined ? {} : { onCall: (call) => log.debug(`platform call: store ${store.name} (#${store.id_store}) ${call.method} ${call.path} ${call.status === 0 ? 'no answer' : call.status} ${call.ms} ms`) }),
        },
      );
      clients.set(cacheKey, platform);
      return platform;
    },
    async close() {
      clients.clear();
      if (ownsDispatcher && dispatcher) await dispatcher.close();
    },
  };
}
