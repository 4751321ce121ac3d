import { createHmac, timingSafeEqual } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { WooSandboxKey } from './woo-shop-types.js';

/** A WooCommerce REST error document, as WP_Error renders it. */
export interface WooErrorAnswer {
  status: number;
  code: string;
  message: string;
  params?: Record<string, string>;
}

export type AuthOutcome = { ok: true; key: WooSandboxKey; mode: 'basic' | 'query' | 'oauth' } | { ok: false; error: WooErrorAnswer; /** The key was recognised, but lacks the permission. */ mode?: 'basic' | 'query' | 'oauth' };

const CANNOT_VIEW: WooErrorAnswer = { status: 401, code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' };

function authError(message: string): WooErrorAnswer {
  return { status: 401, code: 'woocommerce_rest_authentication_error', message };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies OAuth 1.0a with the oauth-1.0a library (a second implementation, so the client's own
 * signing is checked against it): base string from the URL without oauth_signature, key `secret&`.
 */
function oauthSignatureValid(method: string, fullUrl: URL, key: WooSandboxKey): boolean {
  const signature = fullUrl.searchParams.get('oauth_signature') ?? '';
  const signatureMethod = fullUrl.searchParams.get('oauth_signature_method') ?? '';
  if (signatureMethod !== 'HMAC-SHA1' && signatureMethod !== 'HMAC-SHA256') return false;
  const unsigned = new URL(fullUrl.toString());
  unsigned.searchParams.delete('oauth_signature');
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const library = new OAuth({
    consumer: { key: key.consumerKey, secret: key.consumerSecret },
    signature_method: signatureMethod,
    hash_function: (base, signingKey) => createHmac(algorithm, signingKey).update(base).digest('base64'),
  });
  // The library decodes the query itself; a `+` would be a space there, so spaces are sent as %20.
  const url = unsigned.toString().replace(/\+/g, '%20');
  const expected = library.getSignature({ url, method }, undefined, {} as OAuth.Data);
  return sameSecret(expected, signature);
}

/**
 * WooCommerce's authentication (WC_REST_Authentication): Basic, then consumer_key/consumer_secret in
 * the query, then OAuth 1.0a; then the key's permissions against the method. The sandbox accepts
 * Basic and query over plain HTTP too (it has no TLS), which a real shop does not.
 */
export function authenticate(
  method: string,
  url: URL,
  authorization: string | undefined,
  keys: readonly WooSandboxKey[],
  usedNonces: Set<string>,
): AuthOutcome {
  let outcome: AuthOutcome;
  const basic = authorization !== undefined && /^basic /i.test(authorization) ? Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8') : null;
  if (basic !== null) {
    const colon = basic.indexOf(':');
    outcome = checkPair(basic.slice(0, colon === -1 ? basic.length : colon), colon === -1 ? '' : basic.slice(colon + 1), keys, 'basic');
  } else if (url.searchParams.has('consumer_key')) {
    outcome = checkPair(url.searchParams.get('consumer_key') ?? '', url.searchParams.get('consumer_secret') ?? '', keys, 'query');
  } else if (url.searchParams.has('oauth_consumer_key')) {
    const key = keys.find((k) => k.consumerKey === url.searchParams.get('oauth_consumer_key'));
    if (!key) return { ok: false, error: authError('Consumer key is invalid.') };
    const nonce = `${key.consumerKey}:${url.searchParams.get('oauth_nonce') ?? ''}:${url.searchParams.get('oauth_timestamp') ?? ''}`;
    if (!url.searchParams.get('oauth_nonce') || !url.searchParams.get('oauth_timestamp')) return { ok: false, error: authError('Missing OAuth parameter oauth_nonce or oauth_timestamp') };
    if (usedNonces.has(nonce)) return { ok: false, error: authError('Invalid nonce - nonce has already been used.') };
    if (!oauthSignatureValid(method, url, key)) return { ok: false, error: authError('Invalid signature - provided signature does not match.') };
    usedNonces.add(nonce);
    outcome = { ok: true, key, mode: 'oauth' };
  } else {
    return { ok: false, error: CANNOT_VIEW };
  }
  if (!outcome.ok) return outcome;
  const reading = method === 'GET' || method === 'HEAD';
  if (reading && outcome.key.permissions === 'write') return { ok: false, error: authError('The API key provided does not have read permissions.'), mode: outcome.mode };
  if (!reading && outcome.key.permissions === 'read') return { ok: false, error: authError('The API key provided does not have write permissions.'), mode: outcome.mode };
  return outcome;
}

function checkPair(consumerKey: string, consumerSecret: string, keys: readonly WooSandboxKey[], mode: 'basic' | 'query'): AuthOutcome {
  const key = keys.find((k) => k.consumerKey === consumerKey);
  if (!key) return { ok: false, error: CANNOT_VIEW };
  if (!sameSecret(key.consumerSecret, consumerSecret)) return { ok: false, error: authError('Consumer secret is invalid.') };
  return { ok: true, key, mode };
}
