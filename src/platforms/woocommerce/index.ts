export { createWooCommercePlatform, hasNextPage, wooSettings, WooCommercePlatform, type WooCommerceDeps, type WooCommerceSettings } from './woocommerce-platform.js';
export type { WooAuthMode } from './woo-request.js';
export type { RestRouteMode } from './woo-url.js';
export { redactSecrets } from './woo-errors.js';
export { signUrlOAuth1, signatureBaseString, oauthSignature, oauthPercentEncode } from './oauth1-signature.js';
export { WOO_WEBHOOK_TOPICS, WooWebhooks } from './woo-webhooks.js';
