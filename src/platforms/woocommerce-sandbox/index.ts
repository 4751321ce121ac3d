/** A WooCommerce REST v3 sandbox: start it, script its faults, inspect its shop, notes and e-mails. */
export { startWooSandbox } from './woo-sandbox-server.js';
export { WOO_SANDBOX_KEYS, type WooSandbox, type WooSandboxOptions, type WooSandboxRequestLog } from './woo-sandbox-types.js';
export { WooSandboxShop, SANDBOX_STATUSES, type StatusChange } from './woo-sandbox-shop.js';
export { webhookSignature, type WebhookDelivery, type WooWebhookConfig } from './woo-sandbox-webhooks.js';
export type { WooShopClock } from './woo-shop-clock.js';
export { toWooGmt } from './woo-shop-clock.js';
export type { WooSandboxAddress, WooSandboxEmail, WooSandboxKey, WooSandboxLineItem, WooSandboxNote, WooSandboxOrder, WooSandboxStatus, WooKeyPermissions } from './woo-shop-types.js';
export { WooWebhookRegistry, type WooSandboxWebhook, type WooWebhookStatus, type RegisteredWebhookDelivery } from './woo-sandbox-webhook-registry.js';
