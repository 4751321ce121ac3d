import { ConfigError, ValidationError } from '../errors.js';
import { resolveEnvOrColumn, unsetVariableError } from './env-or-column.js';

/** Where a store's second credential (WooCommerce consumer secret) comes from. */
export interface StoreSecretSource {
  id_store: number;
  name: string;
  api_secret: string | null;
  api_secret_env: string | null;
}

/**
 * WooCommerce keys are `ck_` / `cs_` followed by 40 hex digits; only the prefix and the absence of
 * spaces are checked, so that a pasted secret with a stray character is caught, not a plugin's format.
 */
export function checkWooCommerceCredential(value: string, kind: 'key' | 'secret', source: string): void {
  const prefix = kind === 'key' ? 'ck_' : 'cs_';
  if (!value.startsWith(prefix) || !/^[A-Za-z0-9_]{8,200}$/.test(value)) {
    throw new ValidationError('INVALID_API_KEY', `${source}: a WooCommerce consumer ${kind} starts with ${prefix} and has only letters, digits and _ (got ${value.length} characters)`, {
      hint: 'Copy it from WooCommerce > Settings > Advanced > REST API (the secret is shown once, when the key is created).',
    });
  }
}

/** The consumer secret: stored, or read from the environment variable it names; null when the store has none. */
export function resolveStoreApiSecret(store: StoreSecretSource, env: NodeJS.ProcessEnv): string | null {
  const secret = resolveEnvOrColumn(store.api_secret, store.api_secret_env, env);
  if (secret.unsetVariable !== null) throw unsetVariableError(store, 'API secret', secret.unsetVariable, '--api-secret-env');
  return secret.value;
}

/** `stores.settings` as an object; a column that is not a JSON object is a configuration error. */
export function parseStoreSettings(store: { id_store: number; name: string; settings: string | null }): Record<string, unknown> {
  if (store.settings === null || store.settings.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(store.settings);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ConfigError(`store ${store.name} (#${store.id_store}) has settings that are not a JSON object`, {
    hint: `Set them again, e.g. \`ecom-sync stores update ${store.id_store} --auth basic\`.`,
  });
}
