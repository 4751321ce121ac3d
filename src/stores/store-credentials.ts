import { ConfigError, ValidationError } from '../errors.js';
import { resolveEnvOrColumn, unsetVariableError } from './env-or-column.js';

export interface StoreKeySource {
  id_store: number;
  name: string;
  api_key: string | null;
  api_key_env: string | null;
}

/** A PrestaShop webservice key is exactly 32 characters (letters and digits). */
export function checkPrestaShopKey(key: string, source: string): void {
  if (!/^[A-Za-z0-9]{32}$/.test(key)) {
    // Says what is wrong without echoing the key.
    const problem = key.length !== 32 ? `got ${key.length} characters` : 'letters and digits only: it contains other characters';
    throw new ValidationError('INVALID_API_KEY', `${source}: a PrestaShop API key is exactly 32 letters or digits (${problem})`, {
      hint: 'Copy the key from PrestaShop: Advanced Parameters > Webservice.',
    });
  }
}

/** Shows only enough of a key to tell two keys apart: `ABCD…WXYZ` style, never the whole key. */
export function maskApiKey(key: string | null | undefined): string {
  if (!key) return '';
  if (key.length < 12) return '****';
  return `${key.slice(0, 4)}${'*'.repeat(key.length - 8)}${key.slice(-4)}`;
}

/** The key a store authenticates with: stored, or read from the environment variable it names. */
export function resolveStoreApiKey(store: StoreKeySource, env: NodeJS.ProcessEnv): string {
  const key = resolveEnvOrColumn(store.api_key, store.api_key_env, env);
  if (key.unsetVariable !== null) throw unsetVariableError(store, 'API key', key.unsetVariable, '--api-key-env');
  if (key.value === null) {
    throw new ConfigError(`store ${store.name} (#${store.id_store}) has no API key`, {
      hint: `Run \`ecom-sync stores update ${store.id_store} --api-key-env VAR\` or \`--api-key KEY\`.`,
    });
  }
  return key.value;
}
