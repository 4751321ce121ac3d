/**
 * Webhook subscriptions on a platform (Shopify, WooCommerce): what `webhooks setup`, `list` and
 * `remove` work with. Types only; each platform implements it in its own folder, PrestaShop not at
 * all (it has no webhooks).
 */

/** One subscription as the platform lists it, in the platform's own names. */
export interface WebhookSubscription {
  /** The platform's id (Shopify: the subscription's gid; WooCommerce: the webhook id as text). */
  id: string;
  /** Shopify `ORDERS_UPDATED`, WooCommerce `order.updated`. */
  topic: string;
  url: string;
  /**
   * `active`, or WooCommerce's `paused` (by an admin) / `disabled` (by WooCommerce after repeated
   * failed deliveries). Shopify has no such status: its subscriptions are listed as active.
   */
  status: string;
  /** WooCommerce's name of the webhook; null where the platform has none (Shopify). */
  name: string | null;
}

export interface WebhookSubscriptionInput {
  topic: string;
  url: string;
  /** The signing secret ecom-sync chose (WooCommerce); null where the platform signs with the app's secret (Shopify). */
  secret: string | null;
  /** Shown in the shop's admin where the platform names webhooks. */
  name: string;
}

export interface WebhookSubscriptionChange {
  url?: string;
  secret?: string;
  /** Puts a paused or disabled subscription back to delivering. */
  activate?: boolean;
}

export interface WebhookSubscriptionPort {
  /** The topics ecom-sync subscribes to, in the platform's names. */
  readonly topics: readonly string[];
  /** Whether each subscription carries a secret ecom-sync chooses (WooCommerce) or the app's secret signs them all (Shopify). */
  readonly secretPerSubscription: boolean;
  /** Every subscription the platform shows these credentials (Shopify: the app's own). */
  list(options?: { signal?: AbortSignal }): Promise<WebhookSubscription[]>;
  create(input: WebhookSubscriptionInput, options?: { signal?: AbortSignal }): Promise<WebhookSubscription>;
  update(id: string, change: WebhookSubscriptionChange, options?: { signal?: AbortSignal }): Promise<WebhookSubscription>;
  /** Resolves also when the platform no longer has it. */
  remove(id: string, options?: { signal?: AbortSignal }): Promise<void>;
}
