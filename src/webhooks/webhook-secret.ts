import type { StoreRow } from '../stores/store-repository.js';

export type WebhookSecretSource = Pick<StoreRow, 'webhook_secret' | 'webhook_secret_env' | 'api_secret' | 'api_secret_env' | 'platform_name'>;

/**
 * The secret a store's webhooks are signed with: its own webhook secret (stored, or read from the
 * variable it names), else for Shopify the app's client secret, which Shopify signs app webhooks
 * with. Null when none is set: such a store's deliveries are refused.
 */
export function resolveWebhookSecret(store: WebhookSecretSource, env: NodeJS.ProcessEnv): string | null {
  if (store.webhook_secret_env) return env[store.webhook_secret_env] || null;
  if (store.webhook_secret) return store.webhook_secret;
  if (store.platform_name.toLowerCase() === 'shopify') {
    if (store.api_secret_env) return env[store.api_secret_env] || null;
    return store.api_secret || null;
  }
  return null;
}
