import { ConfigError, UsageError } from '../errors.js';
import { DEFAULT_SHOPIFY_API_VERSION, isShopifyApiVersion } from '../platforms/shopify/shopify-settings.js';
import type { PlatformStoreConnection } from '../platforms/platform-port.js';
import { resolveEnvOrColumn, unsetVariableError } from './env-or-column.js';
import type { StoreRow } from './store-repository.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `stores` columns of a Shopify store, from `stores add` options. */
export interface ShopifyStoreValues {
  api_key: string | null;
  api_key_env: string | null;
  api_secret: string | null;
  api_secret_env: string | null;
  settings: string;
}

function envName(value: unknown, flag: string): string {
  const name = String(value);
  if (!ENV_NAME.test(name)) throw new UsageError('INVALID_ARGUMENT', `${flag} must be an environment variable name, got ${JSON.stringify(name)}`);
  return name;
}

/**
 * `--api-key-env VAR` (an Admin API access token) or `--client-id ID --client-secret-env VAR`
 * (client-credentials grant); `--api-version`. A token on the command line is accepted like
 * PrestaShop's `--api-key`; the client secret only from the environment.
 */
export function shopifyStoreValues(options: Record<string, unknown>): ShopifyStoreValues {
  const key = options.apiKey as string | undefined;
  const keyEnv = options.apiKeyEnv as string | undefined;
  const clientId = options.clientId as string | undefined;
  const secretEnv = options.clientSecretEnv as string | undefined;
  const apiVersion = String(options.apiVersion ?? DEFAULT_SHOPIFY_API_VERSION);
  if (!isShopifyApiVersion(apiVersion)) {
    throw new UsageError('INVALID_ARGUMENT', `--api-version must be a Shopify API version like ${DEFAULT_SHOPIFY_API_VERSION} (YYYY-01, -04, -07 or -10), got ${JSON.stringify(apiVersion)}`);
  }
  const tokenGiven = key !== undefined || keyEnv !== undefined;
  const clientGiven = clientId !== undefined || secretEnv !== undefined;
  if (key !== undefined && keyEnv !== undefined) throw new UsageError('INVALID_ARGUMENT', 'give either --api-key or --api-key-env, not both');
  if (tokenGiven && clientGiven) {
    throw new UsageError('INVALID_ARGUMENT', 'give either an access token (--api-key-env) or client credentials (--client-id with --client-secret-env), not both');
  }
  if (!tokenGiven && !clientGiven) {
    throw new UsageError('MISSING_ARGUMENT', 'a Shopify store needs --api-key-env VAR (Admin API access token) or --client-id ID --client-secret-env VAR (Dev Dashboard app)');
  }
  if (clientGiven) {
    if (clientId === undefined || clientId.trim() === '' || secretEnv === undefined) {
      throw new UsageError('MISSING_ARGUMENT', 'the client-credentials grant needs both --client-id ID and --client-secret-env VAR');
    }
    return {
      api_key: null, api_key_env: null, api_secret: null, api_secret_env: envName(secretEnv, '--client-secret-env'),
      settings: JSON.stringify({ api_version: apiVersion, auth_mode: 'client-credentials', client_id: clientId.trim() }),
    };
  }
  if (key !== undefined && key.trim() === '') throw new UsageError('INVALID_ARGUMENT', '--api-key must not be empty');
  return {
    api_key: key ?? null, api_key_env: keyEnv === undefined ? null : envName(keyEnv, '--api-key-env'), api_secret: null, api_secret_env: null,
    settings: JSON.stringify({ api_version: apiVersion, auth_mode: 'access-token' }),
  };
}

/** What the Shopify connection reads of a store's row. */
export type ShopifyStoreRow = Pick<StoreRow, 'id_store' | 'name' | 'base_url' | 'api_key' | 'api_key_env' | 'api_secret' | 'api_secret_env' | 'settings'>;

/** A secret of the row or of the variable it names; an unset variable is an error naming it. */
function secret(store: ShopifyStoreRow, column: string | null, variable: string | null, what: string, flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  const resolved = resolveEnvOrColumn(column, variable, env);
  if (resolved.unsetVariable !== null) throw unsetVariableError(store, what, resolved.unsetVariable, flag);
  return resolved.value;
}

/** The connection a Shopify client is built from: secrets resolved from the row or the environment. */
export function shopifyConnection(store: ShopifyStoreRow, env: NodeJS.ProcessEnv): PlatformStoreConnection {
  let settings: Record<string, unknown> = {};
  try {
    settings = store.settings ? (JSON.parse(store.settings) as Record<string, unknown>) : {};
  } catch {
    throw new ConfigError(`store ${store.name} (#${store.id_store}) has settings that are not JSON`, { hint: `Re-register it: ecom-sync stores remove ${store.id_store} && ecom-sync stores add …` });
  }
  return {
    storeId: store.id_store,
    storeName: store.name,
    baseUrl: store.base_url,
    apiKey: secret(store, store.api_key, store.api_key_env, 'access token', '--api-key-env', env),
    apiSecret: secret(store, store.api_secret, store.api_secret_env, 'client secret', undefined, env),
    settings,
  };
}
