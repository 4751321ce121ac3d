import { createHash, createHmac } from 'node:crypto';
import { request } from 'undici';
import { renderOrder } from './woo-sandbox-routes.js';
import type { WooSandboxOrder } from './woo-shop-types.js';

export interface WooWebhookConfig {
  deliveryUrl: string;
  secret: string;
  /** Default 1. */
  id?: number;
}

export interface WebhookDelivery {
  deliveryId: string;
  orderId: number;
  topic: 'order.updated';
  status: number | null;
  error: string | null;
}

/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body with the webhook's secret. */
export function webhookSignature(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * WooCommerce's deliveries: the order as JSON, topic `order.updated`, a Delivery-ID that is a hash of
 * the webhook id and the current second (two events in one second share it), no retries.
 */
export function createWebhookSender(config: WooWebhookConfig, source: string, now: () => number) {
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const id = config.id ?? 1;
  return {
    deliveries,
    send(order: WooSandboxOrder): void {
      const body = JSON.stringify(renderOrder(order, null));
      const second = Math.floor(now() / 1000);
      const deliveryId = createHash('sha256').update(`${id}:${second}`).digest('hex').slice(0, 32);
      const delivery: WebhookDelivery = { deliveryId, orderId: order.id, topic: 'order.updated', status: null, error: null };
      deliveries.push(delivery);
      const sending = request(config.deliveryUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-source': `${source}/`,
          'x-wc-webhook-topic': 'order.updated',
          'x-wc-webhook-resource': 'order',
          'x-wc-webhook-event': 'updated',
          'x-wc-webhook-id': String(id),
          'x-wc-webhook-delivery-id': deliveryId,
          'x-wc-webhook-signature': webhookSignature(body, config.secret),
        },
        body,
      })
        .then(async (response) => {
          delivery.status = response.statusCode;
          await response.body.dump();
        })
        .catch((error: unknown) => {
          delivery.error = error instanceof Error ? error.message : String(error);
        })
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async flush(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
