import { createHttpAgent } from '../../../src/platforms/http-agent.js';
import { createWooCommercePlatform, type WooCommercePlatform } from '../../../src/platforms/woocommerce/index.js';
import { WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import type { PushOrder, PushTarget } from '../../../src/platforms/platform-port.js';

export const fastReads = { attempts: 3, minTimeoutMs: 5, factor: 2, maxTimeoutMs: 20 };

export function createAgent() {
  return createHttpAgent({ connectTimeoutMs: 2000, connections: 8 });
}

export interface ClientOptions {
  key?: { consumerKey: string; consumerSecret: string };
  settings?: Record<string, unknown>;
  sleeps?: number[];
}

/** A client of the sandbox; waits between read retries are recorded instead of slept. */
export function wooClient(sandbox: WooSandbox, agent: ReturnType<typeof createAgent>, options: ClientOptions = {}): WooCommercePlatform {
  const key = options.key ?? WOO_SANDBOX_KEYS.readWrite;
  return createWooCommercePlatform(
    { storeId: 3, storeName: 'Bottega WC', baseUrl: sandbox.url, apiKey: key.consumerKey, apiSecret: key.consumerSecret, settings: options.settings ?? { auth: 'basic' } },
    {
      dispatcher: agent,
      totalTimeoutMs: 5000,
      readRetry: fastReads,
      sleep: async (ms) => {
        options.sleeps?.push(ms);
      },
    },
  );
}

export function pushOrder(id: number): PushOrder {
  return { idOrigin: id, reference: String(id), tracking: null };
}

export function target(code: string, name = code): PushTarget {
  return { code, idPlatformState: 1, name };
}

/** The first seeded order not in `status`. */
export function orderNotIn(sandbox: WooSandbox, status: string, skip = 0): number {
  const order = [...sandbox.shop.orders.values()].filter((o) => o.status !== status)[skip];
  if (!order) throw new Error('sandbox has too few orders');
  return order.id;
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
