import { ConfigError } from '../errors.js';

export interface EnvOrColumn {
  /** The secret, or null when there is none. */
  value: string | null;
  /** The environment variable the store names when it is unset or empty, else null. */
  unsetVariable: string | null;
}

/**
 * A store secret kept in one of two places: a column (`api_key`, `api_secret`, `webhook_secret`) or
 * the environment variable another column names (`*_env`), which wins when set, so that the secret
 * need not be stored. An empty variable or column counts as none. Callers decide whether a missing
 * secret is an error (an API key) or means "not configured" (a webhook secret).
 */
export function resolveEnvOrColumn(column: string | null, variable: string | null, env: NodeJS.ProcessEnv): EnvOrColumn {
  if (variable) {
    const value = env[variable];
    return value ? { value, unsetVariable: null } : { value: null, unsetVariable: variable };
  }
  return { value: column || null, unsetVariable: null };
}

/** The error for a store whose secret lives in a variable that is not set, with how to fix it. */
export function unsetVariableError(store: { id_store: number; name: string }, what: string, variable: string, flag?: string): ConfigError {
  const other = flag === undefined ? '' : ` or run \`ecom-sync stores update ${store.id_store} ${flag} OTHER\``;
  return new ConfigError(`store ${store.name} (#${store.id_store}) reads its ${what} from ${variable}, which is not set`, {
    hint: `Export ${variable} in the environment of ecom-sync (cron, systemd unit)${other}.`,
  });
}
