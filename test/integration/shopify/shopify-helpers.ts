import { Agent } from 'undici';
import { createShopifyPlatform, SHOPIFY_STATE_NUMBERS, type ShopifyPlatform, type ShopifyPlatformDeps, type ShopifyStateCode } from '../../../src/platforms/shopify/index.js';
import { startShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from '../../../src/platforms/shopify-sandbox/index.js';
import type { PushOrder, PushTarget } from '../../../src/platforms/platform-port.js';

export const START = Date.UTC(2026, 10, 30, 10, 0, 0);

export interface Rig {
  sandbox: ShopifySandbox;
  platform: ShopifyPlatform;
  agent: Agent;
  sleeps: number[];
  close(): Promise<void>;
}

/** Sandbox on port 0 and a client whose sleeps move the sandbox clock: no real waiting. */
export async function startRig(options: ShopifySandboxOptions = {}, auth: 'token' | 'client' = 'token', deps: Partial<ShopifyPlatformDeps> = {}, clientSecret?: string): Promise<Rig> {
  const sandbox = await startShopifySandbox({ now: START, ...options });
  const agent = new Agent({ connections: 4 });
  const sleeps: number[] = [];
  const platform = createShopifyPlatform({
    storeId: 7,
    storeName: 'bottega',
    baseUrl: sandbox.url,
    apiKey: auth === 'token' ? sandbox.accessToken : null,
    apiSecret: auth === 'client' ? clientSecret ?? sandbox.clientSecret : null,
    settings: auth === 'client' ? { api_version: '2026-10', client_id: sandbox.clientId } : { api_version: '2026-10' },
  }, {
    dispatcher: agent,
    totalTimeoutMs: 5000,
    clock: {
      now: () => sandbox.clock.now(),
      sleep: (ms) => {
        sleeps.push(ms);
        sandbox.clock.advance(ms);
        return Promise.resolve();
      },
    },
    ...deps,
  });
  return { sandbox, platform, agent, sleeps, close: async () => { await sandbox.close(); await agent.close(); } };
}

export function target(code: ShopifyStateCode): PushTarget {
  return { code, idPlatformState: SHOPIFY_STATE_NUMBERS[code], name: code };
}

export function order(idOrigin: number, tracking: PushOrder['tracking'] = null): PushOrder {
  return { idOrigin, reference: `#${idOrigin}`, tracking };
}
