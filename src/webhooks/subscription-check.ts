import type { App } from '../app-types.js';
import { isoFromEpochMs } from '../dates/iso-date.js';
import { isEcomSyncError } from '../errors.js';
import { listStores } from '../stores/store-repository.js';
import { WEBHOOK_PLATFORMS } from './inbound-delivery.js';
import { resolveWebhookSecret } from './webhook-secret.js';
import { subscriptionHealth } from './webhook-subscriptions.js';

/** What the shop said of ecom-sync's subscriptions of one store, the last time it was asked. */
export interface SubscriptionCheck {
  id_store: number;
  /** ISO 8601 UTC. */
  checked_at: string;
  /** ecom-sync's subscriptions the shop lists as active. */
  active: number;
  /** `topic (status)` of each of ours the shop disabled or paused (WooCommerce after repeated failed deliveries). */
  disabled: string[];
  /** Topics `webhooks setup` registers that the shop does not list (removed on the shop, or never set up). */
  missing: string[];
  /** The shop could not be asked (unreachable, refused key); the other fields are then empty. */
  error: string | null;
}

/**
 * Asks each webhook store (Shopify or WooCommerce with a webhook secret: one that `webhooks setup`
 * prepared) which of ecom-sync's subscriptions it still has and delivers to: one list call per store.
 * A platform disables subscriptions on its own after failed deliveries, and nothing arrives to say
 * so; this is how `/health` learns it. Stores are asked one after another, so the cost is one
 * request per store per run.
 */
export async function checkWebhookSubscriptions(app: App, signal?: AbortSignal): Promise<SubscriptionCheck[]> {
  const stores = (await listStores(app.db)).filter((store) =>
    (WEBHOOK_PLATFORMS as readonly string[]).includes(store.platform_name.toLowerCase()) && resolveWebhookSecret(store, app.env) !== null);
  const checks: SubscriptionCheck[] = [];
  for (const store of stores) {
    if (signal?.aborted) break;
    const checked_at = isoFromEpochMs(app.clock.now());
    try {
      const health = await subscriptionHealth(app, store, signal);
      checks.push({ id_store: store.id_store, checked_at, active: health.active, disabled: health.inactive, missing: health.missing, error: null });
    } catch (error) {
      if (!isEcomSyncError(error)) throw error;
      checks.push({ id_store: store.id_store, checked_at, active: 0, disabled: [], missing: [], error: error.message });
    }
  }
  return checks;
}
