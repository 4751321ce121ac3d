import type { SandboxFaults } from '../sandbox/sandbox-faults.js';
import type { WooSandboxShop } from './woo-sandbox-shop.js';
import type { WooSandboxKey } from './woo-shop-types.js';
import type { WooWebhookRegistry } from './woo-sandbox-webhook-registry.js';
import type { WebhookDelivery, WooWebhookConfig } from './woo-sandbox-webhooks.js';

/** The sandbox's fixed demo keys (they only open the sandbox): one Read/Write, one Read. */
export const WOO_SANDBOX_KEYS = {
  readWrite: { consumerKey: 'ck_ecomsyncsandbox00000000000000000000000001', consumerSecret: 'cs_ecomsyncsandbox00000000000000000000000001', permissions: 'read_write' },
  readOnly: { consumerKey: 'ck_ecomsyncsandbox00000000000000000000000002', consumerSecret: 'cs_ecomsyncsandbox00000000000000000000000002', permissions: 'read' },
} as const satisfies Record<string, WooSandboxKey>;

export interface WooSandboxOptions {
  port?: number;
  host?: string;
  /** Seeded orders (default 40). */
  orders?: number;
  seed?: number;
  /** The shop's start time (default: now). */
  now?: number;
  /** A clock that only moves when told (tests). */
  frozenClock?: boolean;
  /** `plain`: /wp-json is not routed (WordPress "Plain" permalinks), only `?rest_route=` works. */
  permalinks?: 'pretty' | 'plain';
  /** Keys accepted; default both WOO_SANDBOX_KEYS. */
  keys?: WooSandboxKey[];
  latencyMs?: number;
  /** Deliver `order.updated` webhooks here after each save of an order. */
  webhook?: WooWebhookConfig;
}

export interface WooSandboxRequestLog {
  method: string;
  /** The REST route (`/wc/v3/orders/12`), or the path when the request reached no route. */
  route: string;
  path: string;
  query: string;
  /** How the request authenticated, when it did. */
  auth: 'basic' | 'query' | 'oauth' | null;
  status: number;
  body?: string;
  at: number;
}

export interface WooSandbox {
  url: string;
  port: number;
  shop: WooSandboxShop;
  faults: SandboxFaults;
  requests: WooSandboxRequestLog[];
  webhookDeliveries: WebhookDelivery[];
  /** The shop's webhooks (`/wc/v3/webhooks`): each active one gets every saved order, signed with its own secret. */
  webhooks: WooWebhookRegistry;
  /** Resolves when every webhook started so far was delivered (or failed). */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}
