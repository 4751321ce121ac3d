import { MAX_ID } from '../db/dialect.js';
import { UsageError } from '../errors.js';
import { maskUrlCredentials } from '../logging/redact-url.js';

/** A positive whole number from a flag or argument (at most MAX_ID, what every database holds), or a usage error naming it. */
export function parseId(value: unknown, what: string): number {
  const text = String(value ?? '').trim();
  if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be a positive whole number, got ${JSON.stringify(String(value ?? ''))}`, { hint: 'Ids are whole numbers such as 32, as `list` commands show them.' });
  }
  if (Number(text) > MAX_ID) {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be at most ${MAX_ID}, got ${text}`, { hint: 'Ids are whole numbers such as 32, as `list` commands show them.' });
  }
  return Number(text);
}

export function parseOptionalId(value: unknown, what: string): number | undefined {
  return value === undefined || value === null ? undefined : parseId(value, what);
}

export function parseNonNegativeInt(value: unknown, what: string): number {
  const text = String(value ?? '').trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be a whole number (0 or more), got ${JSON.stringify(String(value ?? ''))}`);
  }
  return Number(text);
}

export function parseChoice<T extends string>(value: unknown, choices: readonly T[], what: string): T {
  const text = String(value ?? '');
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
  }
  return text as T;
}

export function parseUrl(value: unknown, what: string): string {
  const text = String(value ?? '').trim();
  // Messages show the URL without its user info: a password typed into it stays out of them.
  const shown = JSON.stringify(maskUrlCredentials(text));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be an http(s) URL such as https://shop.example, got ${shown}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('INVALID_ARGUMENT', `${what} must start with http:// or https://, got ${shown}`);
  }
  // The webservice lives under /api: accept the shop URL with or without it.
  return text.replace(/\/+$/, '').replace(/\/api$/, '');
}

/** The name of an environment variable (a secret's value is never given on the command line). */
export function parseEnvName(value: unknown, what: string): string {
  const text = String(value ?? '');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
    throw new UsageError('INVALID_ARGUMENT', `${what} must be an environment variable name, got ${JSON.stringify(text)}`, { hint: 'Export the secret in a variable (e.g. SHOP_WEBHOOK_SECRET=...) and give its name.' });
  }
  return text;
}
