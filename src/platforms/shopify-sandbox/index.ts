/** The Shopify-like Admin GraphQL sandbox: start it, script its faults, inspect its shop and mutations. */
export { startShopifySandbox, DEFAULT_SHOPIFY_SANDBOX_TOKEN, DEFAULT_SHOPIFY_SANDBOX_CLIENT, ALL_SANDBOX_SCOPES } from './sandbox-server.js';
export type { ShopifySandbox, ShopifySandboxOptions } from './sandbox-server.js';
export type { ShopifyFaultKind } from './sandbox-faults.js';
export type { SandboxMutation } from './sandbox-resolvers.js';
export { loadAdminSchema, ADMIN_SCHEMA_FILE, ADMIN_SCHEMA_VERSION } from './admin-schema.js';
export type { SbOrder, SandboxShopifyStore } from './sandbox-shop.js';
export { webhookSignature } from './sandbox-webhooks.js';
export type { WebhookDelivery } from './sandbox-webhooks.js';
export { SandboxSubscriptions, headerTopic, type SandboxSubscription } from './sandbox-subscriptions.js';
