import type { App } from '../app-types.js';
import { UsageError } from '../errors.js';
import type { WebhookSubscription, WebhookSubscriptionPort } from '../platforms/webhook-subscription-port.js';
import type { StoreRow } from '../stores/store-repository.js';
import { WEBHOOK_PLATFORMS, type WebhookPlatform } from './inbound-delivery.js';
import { isEcomSyncUrl } from './webhook-url.js';

export interface StoreWebhooks {
  platform: WebhookPlatform;
  port: WebhookSubscriptionPort;
}

/** The store's subscription client; a PrestaShop store (no webhooks) is a usage error naming its channel. */
export async function storeWebhooks(app: App, store: StoreRow): Promise<StoreWebhooks> {
  const platform = store.platform_name.toLowerCase();
  const port = (WEBHOOK_PLATFORMS as readonly string[]).includes(platform) ? (await app.platforms.portForStore(store, app.env))?.webhooks : undefined;
  if (port === undefined) {
    throw new UsageError('WEBHOOKS_NOT_SUPPORTED', `store ${store.name} (#${store.id_store}) is a ${store.platform_name} store: ${store.platform_name} has no webhooks`, {
      hint: 'Its orders come in with `ecom-sync orders pull` (the daemon runs it every daemon.orders_interval_s).',
    });
  }
  return { platform: platform as WebhookPlatform, port };
}

export interface ListedSubscription extends WebhookSubscription {
  /** Delivers to this store's ecom-sync route. */
  ours: boolean;
}

export async function listStoreSubscriptions(app: App, store: StoreRow, signal?: AbortSignal): Promise<ListedSubscription[]> {
  const { platform, port } = await storeWebhooks(app, store);
  const subscriptions = await port.list(signal ? { signal } : {});
  return subscriptions.map((s) => ({ ...s, ours: isEcomSyncUrl(s.url, platform, store.id_store) }));
}

/** `orders/updated`, `orders_updated` or `ORDERS_UPDATED` for Shopify; `order.updated` for WooCommerce. */
export function normaliseTopic(platform: WebhookPlatform, topic: string): string {
  const text = topic.trim();
  return platform === 'shopify' ? text.toUpperCase().replace('/', '_') : text.toLowerCase();
}

export interface RemoveReport {
  removed: WebhookSubscription[];
  /** Subscriptions left alone: they deliver elsewhere (another app, another system). */
  kept: number;
}

/** Removes ecom-sync's subscriptions of the store (all, or one topic); never another app's. */
export async function removeStoreSubscriptions(app: App, store: StoreRow, filter: { topic: string | null }, signal?: AbortSignal): Promise<RemoveReport> {
  const { platform, port } = await storeWebhooks(app, store);
  const listed = await listStoreSubscriptions(app, store, signal);
  const topic = filter.topic === null ? null : normaliseTopic(platform, filter.topic);
  const doomed = listed.filter((s) => s.ours && (topic === null || s.topic === topic));
  for (const subscription of doomed) await port.remove(subscription.id, signal ? { signal } : {});
  return { removed: doomed.map(({ ours: _ours, ...s }) => s), kept: listed.filter((s) => !s.ours).length };
}

export interface SubscriptionHealth {
  /** ecom-sync's subscriptions on the platform. */
  ours: number;
  /** Of those, the ones the platform delivers. */
  active: number;
  /** Its topics the platform stopped delivering (WooCommerce `disabled` / `paused`). */
  inactive: string[];
  /** Topics ecom-sync follows that have no subscription of its own: `webhooks setup` adds them. */
  missing: string[];
}

/** Whether the platform still delivers what ecom-sync needs, from one list of its subscriptions. */
export async function subscriptionHealth(app: App, store: StoreRow, signal?: AbortSignal): Promise<SubscriptionHealth> {
  const { port } = await storeWebhooks(app, store);
  const ours = (await listStoreSubscriptions(app, store, signal)).filter((s) => s.ours);
  return {
    ours: ours.length,
    active: ours.filter((s) => s.status === 'active').length,
    inactive: [...new Set(ours.filter((s) => s.status !== 'active').map((s) => `${s.topic} (${s.status})`))],
    missing: port.topics.filter((topic) => !ours.some((s) => s.topic === topic)),
  };
}
