import type { Dispatcher } from 'undici';
import type { Config } from '../config/config-types.js';
import { resolveStoreApiKey, type StoreKeySource } from '../stores/store-credentials.js';
import type { Platform } from './platform.js';
import type { PlatformPort } from './platform-port.js';
import { createPlatformPorts, type PortClock } from './platform-ports.js';
import { processMemory, type PortMemory } from './port-memory.js';
import type { StoreRow } from '../stores/store-repository.js';
import { parseStoreSettings } from '../stores/store-secret.js';

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
  /**
   * The PlatformPort of a store, whatever its platform (Shopify and WooCommerce: one per store and
   * credentials; PrestaShop: over the store's client above). Throws PLATFORM_UNSUPPORTED for a
   * platform ecom-sync does not know.
   */
  portForStore(store: StoreRow, env?: NodeJS.ProcessEnv): Promise<PlatformPort>;
  close(): Promise<void>;
}

/** The `--timezone` of a store (stores.settings.timezone), or null; a zone Intl does not know is the port's to refuse. */
function configuredTimeZone(store: StoreRow): string | null {
  try {
    const zone = parseStoreSettings(store).timezone;
    return typeof zone === 'string' ? zone : null;
  } catch {
    return null;
  }
}

/**
 * Clients are built on first use, so commands that never reach a platform load no HTTP code.
 * `memory`: what ports remember between runs (the app keeps it in app_settings); default this process's.
 */
export async function createStorePlatforms(config: Config, dispatcherOverride?: Dispatcher, log?: PlatformCallLog, clock?: PortClock, memory: PortMemory = processMemory()): Promise<StorePlatforms> {
  let dispatcher: Dispatcher | undefined = dispatcherOverride;
  let ownsDispatcher = false;
  const clients = new Map<string, Platform>();
  const sharedDispatcher = async (): Promise<Dispatcher> => {
    if (!dispatcher) {
      const { createHttpAgent } = await import('./http-agent.js');
      dispatcher = createHttpAgent({ connectTimeoutMs: config.sync.connect_timeout_ms, connections: Math.max(config.sync.concurrency_per_store * 2, 8) });
      ownsDispatcher = true;
    }
    return dispatcher;
  };
  const portClock: PortClock = clock ?? { now: () => Date.now(), sleep: async (ms, signal) => { const { setTimeout: wait } = await import('node:timers/promises'); await wait(ms, undefined, signal === undefined ? {} : { signal }); } };
  const ports = createPlatformPorts({ config, clock: portClock, dispatcher: sharedDispatcher });

  const platforms: StorePlatforms = {
    async portForStore(store, env = process.env) {
      const port = await ports.forStore(store, env);
      if (port !== null) return port;
      if (store.platform_name.trim().toLowerCase() !== 'prestashop') {
        // The factory names the supported platforms in its error.
        await platforms.forStore(store, env);
      }
      const { createPrestaShopPort } = await import('./prestashop/prestashop-port.js');
      return createPrestaShopPort({
        location: {
          baseUrl: store.base_url, shopId: store.shop_id, shopGroupId: store.shop_group_id,
          urlRewrite: store.url_rewrite === null ? true : Number(store.url_rewrite) !== 0,
        },
        // Built on first use: a preview needs no key; a key that is not set fails the call that needs it.
        client: () => platforms.forStore(store, env),
        storeId: store.id_store,
        storeName: store.name,
        languageId: store.id_lang,
        timeZone: configuredTimeZone(store),
        memory,
        now: () => portClock.now(),
      });
    },
    async forStore(store, env = process.env) {
      const apiKey = resolveStoreApiKey(store, env);
      const cacheKey = `${store.id_store}:${store.base_url}:${store.format}:${store.shop_id ?? ''}:${store.shop_group_id ?? ''}:${store.url_rewrite ?? 1}:${apiKey}`;
      const cached = clients.get(cacheKey);
      if (cached) return cached;
      const agent = await sharedDispatcher();
      const { createPlatform } = await import('./create-platform.js');
      const { retryPolicyFromConfig } = await import('./retry.js');
      const platform = createPlatform(
        {
          id_store: store.id_store, name: store.name, platform_name: store.platform_name, base_url: store.base_url, api_key: apiKey,
          shop_id: store.shop_id ?? null, shop_group_id: store.shop_group_id ?? null, url_rewrite: store.url_rewrite ?? 1,
        },
        {
          dispatcher: agent,
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
      ports.clear();
      if (ownsDispatcher && dispatcher) await dispatcher.close();
    },
  };
  return platforms;
}
