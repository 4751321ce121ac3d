/** The Shopify Admin GraphQL platform: see README.md beside this file. */
export { createShopifyPlatform, ShopifyPlatform, type ShopifyPlatformDeps } from './shopify-platform.js';
export { DEFAULT_SHOPIFY_API_VERSION, isShopifyApiVersion, shopifySettings, type ShopifySettings, type ShopifyAuthMode } from './shopify-settings.js';
export { SHOPIFY_CATALOGUE, SHOPIFY_STATE_CODES, SHOPIFY_STATE_NUMBERS, derivedStateCode, type ShopifyStateCode } from './shopify-catalogue.js';
export { ShopifyPlatformError, classifyShopifyError } from './shopify-errors.js';
export { REQUIRED_SCOPES } from './shopify-check.js';
export type { ShopifyClock } from './shopify-clock.js';
export { SHOPIFY_DOCUMENTS, type ShopifyDocument } from './graphql/index.js';
export { SHOPIFY_WEBHOOK_TOPICS, ShopifyWebhooks } from './shopify-webhooks.js';
