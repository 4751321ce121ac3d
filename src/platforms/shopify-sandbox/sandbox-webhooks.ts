import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { SandboxShopifyStore, SbOrder } from './sandbox-shop.js';
import type { SandboxSubscriptions } from './sandbox-subscriptions.js';

export interface WebhookTarget {
  /** Where each change is POSTed. */
  url: string;
  /** Signs the raw body (Shopify: the app's client secret). */
  secret: string;
}

export interface WebhookDelivery {
  topic: string;
  eventId: string;
  orderId: number;
  /** HTTP status of the receiver, or 0 when it could not be reached. */
  status: number;
  /** Where it went, for deliveries to a registered subscription. */
  url?: string;
}

/** `X-Shopify-Hmac-Sha256`: base64 of HMAC-SHA256 over the raw body. */
export function webhookSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/** A REST-shaped order payload, as Shopify's order webhooks send. */
function payload(store: SandboxShopifyStore, order: SbOrder): Record<string, unknown> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const fulfillment = store.displayFulfillmentStatus(order);
  return {
    id: order.id, admin_graphql_api_id: `gid://shopify/Order/${order.id}`, name: order.name, updated_at: iso(order.updatedAt),
    cancelled_at: iso(order.cancelledAt), closed_at: iso(order.closedAt), financial_status: order.financial.toLowerCase(),
    fulfillment_status: fulfillment === 'FULFILLED' ? 'fulfilled' : fulfillment === 'PARTIALLY_FULFILLED' ? 'partial' : null,
  };
}

/** What the registered subscriptions need: who they are and the app secret that signs for all of them. */
export interface RegisteredSubscriptions {
  subscriptions: SandboxSubscriptions;
  /** Shopify signs an app's webhooks with the app's client secret. */
  secret: string;
}

/**
 * Sends signed webhooks after each change: to the configured target (as it always did) and to each
 * subscription registered through `webhookSubscriptionCreate`. Like Shopify, a change of an order
 * also fires `orders/updated` for the subscriptions of that topic; the deliveries of one event share
 * its event id. Deliveries are recorded, failures are not retried.
 */
export class SandboxWebhooks {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly store: SandboxShopifyStore, private readonly target: WebhookTarget | null, private readonly shopDomain: string, private readonly registered: RegisteredSubscriptions | null = null) {}

  emit(topic: string, order: SbOrder): void {
    const body = JSON.stringify(payload(this.store, order));
    if (this.target !== null) this.post(this.target.url, this.target.secret, topic, randomUUID(), order, body);
    if (this.registered === null) return;
    for (const fired of topic === 'orders/updated' ? [topic] : [topic, 'orders/updated']) {
      const eventId = randomUUID();
      for (const subscription of this.registered.subscriptions.matching(fired)) this.post(subscription.callbackUrl, this.registered.secret, fired, eventId, order, body, true);
    }
  }

  private post(url: string, secret: string, topic: string, eventId: string, order: SbOrder, body: string, subscribed = false): void {
    const delivery: WebhookDelivery = { topic, eventId, orderId: order.id, status: 0, ...(subscribed ? { url } : {}) };
    this.deliveries.push(delivery);
    const sending = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': webhookSignature(secret, body),
        'x-shopify-topic': topic,
        'x-shopify-shop-domain': this.shopDomain,
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-event-id': eventId,
        'x-shopify-triggered-at': new Date(this.store.clock.now()).toISOString(),
        'x-shopify-api-version': '2026-10',
      },
      body,
    }).then(async (response) => {
      delivery.status = response.statusCode;
      await response.body.dump();
    }, () => undefined).finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  /** Resolves when every delivery sent so far has been answered (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
