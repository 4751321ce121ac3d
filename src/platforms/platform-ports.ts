import type { Dispatcher } from 'undici';
import type { Config } from '../config/config-types.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { PlatformKind, PlatformPort } from './platform-port.js';
import { retryPolicyFromConfig } from './retry.js';

/** What the port clients need of the app's clock (Shopify's bucket waits, WooCommerce's read retries). */
export interface PortClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The platforms whose port is built here (PrestaShop's adapts its webservice client: store-platforms.ts). */
export const PORT_PLATFORMS = ['shopify', 'woocommerce'] as const satisfies readonly PlatformKind[];
export type PortPlatformKind = (typeof PORT_PLATFORMS)[number];

/** `platforms.name` (any case) as one of PORT_PLATFORMS, or null for PrestaShop and unknown names. */
export function portKindOf(platformName: string): PortPlatformKind | null {
  const name = platformName.trim().toLowerCase();
  return (PORT_PLATFORMS as readonly string[]).includes(name) ? (name as PortPlatformKind) : null;
}

export interface PortDeps {
  config: Config;
  clock: PortClock;
  /** The app's keep-alive agent, created on first use. */
  dispatcher(): Promise<Dispatcher>;
}

/**
 * One port client per store and credentials, kept for the app's lifetime: Shopify's access token
 * and cost bucket, WooCommerce's connection settings live in it. Modules are loaded on first use.
 */
export function createPlatformPorts(deps: PortDeps): { forStore(store: StoreRow, env: NodeJS.ProcessEnv): Promise<PlatformPort | null>; clear(): void } {
  const clients = new Map<string, PlatformPort>();
  return {
    async forStore(store, env) {
      const kind = portKindOf(store.platform_name);
      if (kind === null) return null;
      const dispatcher = await deps.dispatcher();
      const { config, clock } = deps;
      if (kind === 'shopify') {
        const { shopifyConnection } = await import('../stores/shopify-store-options.js');
        const connection = shopifyConnection(store, env);
        const key = `${store.id_store}:${connection.baseUrl}:${connection.apiKey ?? ''}:${connection.apiSecret ?? ''}:${store.settings ?? ''}`;
        const cached = clients.get(key);
        if (cached) return cached;
        const { createShopifyPlatform } = await import('./shopify/index.js');
        const port = createShopifyPlatform(connection, {
          dispatcher, totalTimeoutMs: config.sync.total_timeout_ms, clock,
          // A bucket wait inside a call holds the job's lease: never longer than sync.max_wait_ms.
          maxThrottleWaitMs: Math.min(config.sync.max_wait_ms, 2000),
        });
        clients.set(key, port);
        return port;
      }
      const { storeConnection } = await import('./woocommerce/store-connection.js');
      const connection = storeConnection(store, env);
      const key = `${store.id_store}:${connection.baseUrl}:${connection.apiKey ?? ''}:${connection.apiSecret ?? ''}:${store.settings ?? ''}`;
      const cached = clients.get(key);
      if (cached) return cached;
      const { createWooCommercePlatform } = await import('./woocommerce/index.js');
      const port = createWooCommercePlatform(connection, {
        dispatcher, totalTimeoutMs: config.sync.total_timeout_ms, readRetry: retryPolicyFromConfig(config.sync),
        sleep: (ms, signal) => clock.sleep(ms, signal),
      });
      clients.set(key, port);
      return port;
    },
    clear() {
      clients.clear();
    },
  };
}
