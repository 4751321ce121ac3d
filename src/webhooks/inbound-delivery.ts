/**
 * What a webhook delivery is about, read from its headers and body. Pure functions: the route
 * stores what they return, the processor acts on it later.
 */

export type WebhookPlatform = 'shopify' | 'woocommerce';

export const WEBHOOK_PLATFORMS: readonly WebhookPlatform[] = ['shopify', 'woocommerce'];

export interface InboundDelivery {
  topic: string;
  /** Unique per store for one event: a platform that repeats a delivery repeats this key. */
  dedupKey: string;
  /** The platform's order id, when the body names one. */
  idOrigin: string | null;
  /** The order's updated-at according to the body, ISO 8601 UTC. */
  platformUpdatedAt: string | null;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function asRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body as Record<string, unknown> : {};
}

function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  return null;
}

/** ISO 8601 in UTC, or null when the value is not a date. */
export function toIsoUtc(value: unknown, assumeUtc = false): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  // WooCommerce's *_gmt fields carry no zone: they are UTC.
  const text = assumeUtc && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? `${value}Z` : value;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Shopify: the event id is shared by the deliveries of one event to several subscriptions and
 * repeated on retries; older API versions send only the webhook id.
 */
export function describeShopifyDelivery(headers: Headers, body: unknown): InboundDelivery {
  const order = asRecord(body);
  const topic = header(headers, 'x-shopify-topic') ?? 'unknown';
  const eventId = header(headers, 'x-shopify-event-id') ?? header(headers, 'x-shopify-webhook-id');
  const idOrigin = idText(order.id);
  const platformUpdatedAt = toIsoUtc(order.updated_at);
  return {
    topic,
    dedupKey: eventId ? `event:${eventId}` : `order:${idOrigin ?? '?'}:${platformUpdatedAt ?? '?'}:${topic}`,
    idOrigin,
    platformUpdatedAt,
  };
}

/**
 * WooCommerce: its Delivery-ID is a hash of the webhook id and the current second, so two events
 * in one second share it; (order id, date_modified_gmt) names one state of the order instead.
 */
export function describeWooCommerceDelivery(headers: Headers, body: unknown): InboundDelivery {
  const order = asRecord(body);
  const topic = header(headers, 'x-wc-webhook-topic') ?? 'unknown';
  const idOrigin = idText(order.id);
  const platformUpdatedAt = toIsoUtc(order.date_modified_gmt, true);
  const deliveryId = header(headers, 'x-wc-webhook-delivery-id');
  return {
    topic,
    dedupKey: idOrigin && platformUpdatedAt ? `order:${idOrigin}:${platformUpdatedAt}` : `delivery:${deliveryId ?? '?'}:${topic}`,
    idOrigin,
    platformUpdatedAt,
  };
}

export function describeDelivery(platform: WebhookPlatform, headers: Headers, body: unknown): InboundDelivery {
  return platform === 'shopify' ? describeShopifyDelivery(headers, body) : describeWooCommerceDelivery(headers, body);
}

export function signatureHeaderName(platform: WebhookPlatform): string {
  return platform === 'shopify' ? 'x-shopify-hmac-sha256' : 'x-wc-webhook-signature';
}
