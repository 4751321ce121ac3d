import type { StoreRow } from '../stores/store-repository.js';
import { resolveEnvOrColumn } from '../stores/env-or-column.js';

export type WebhookSecretSource = Pick<StoreRow, 'webhook_secret' | 'webhook_secret_env' | 'api_secret' | 'api_secret_env' | 'platform_name'>;

/**
 * The secret a store's webhooks are signed with: its own webhook secret (stored, or read from the
 * variable it names), else for Shopify the app's client secret, which Shopify signs app webhooks
 * with. Null when none is set: such a store's deliveries are refused.
 */
export function resolveWebhookSecret(store: WebhookSecretSource, env: NodeJS.ProcessEnv): string | null {
  // A webhook secret of its own, even one whose variable is unset, wins over the Shopify fallback.
  if (store.webhook_secret_env || store.webhook_secret) return resolveEnvOrColumn(store.webhook_secret, store.webhook_secret_env, env).value;
  if (store.platform_name.toLowerCase() === 'shopify') return resolveEnvOrColumn(store.api_secret, store.api_secret_env, env).value;
  return null;
}
