import { UsageError } from '../errors.js';
import { hasUrlCredentials } from '../logging/redact-url.js';

/** Column sizes of `stores` (migrations/0001): checked here so that every dialect refuses alike. */
export const STORE_NAME_MAX = 100;
export const STORE_URL_MAX = 255;
export const API_KEY_ENV_MAX = 100;

const KEY_HINT = 'Give the shop URL alone (https://shop.example); the webservice key goes in --api-key-env VAR (recommended) or --api-key KEY, where it is stored masked.';

export function checkStoreName(name: string, what: string): string {
  if (name === '') throw new UsageError('INVALID_ARGUMENT', `${what} must not be empty`, { hint: 'Give a short name such as --name shop-it.' });
  if (name.length > STORE_NAME_MAX) {
    throw new UsageError('INVALID_ARGUMENT', `${what} is ${name.length} characters long; a store name has at most ${STORE_NAME_MAX}`, { hint: 'Give a shorter --name.' });
  }
  return name;
}

/**
 * A parsed store URL is refused when it carries user info (`http://admin:pass@shop`): stored,
 * it would be printed by `stores list` and sent along every request. Its length fits the column.
 */
export function checkStoreUrl(url: string, what: string): string {
  if (hasUrlCredentials(url)) {
    throw new UsageError('URL_HAS_CREDENTIALS', `${what} must not contain a user name or password (user:password@)`, { hint: KEY_HINT });
  }
  if (url.length > STORE_URL_MAX) {
    throw new UsageError('INVALID_ARGUMENT', `${what} is ${url.length} characters long; a store URL has at most ${STORE_URL_MAX}`, { hint: 'Give the shop\'s base URL, without query or path beyond the shop folder.' });
  }
  return url;
}

export function checkApiKeyEnvName(name: string, what: string): string {
  if (name.length > API_KEY_ENV_MAX) {
    throw new UsageError('INVALID_ARGUMENT', `${what} is ${name.length} characters long; a variable name here has at most ${API_KEY_ENV_MAX}`, { hint: 'Use a shorter environment variable name.' });
  }
  return name;
}
