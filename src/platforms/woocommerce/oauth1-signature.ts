import { createHmac, randomBytes } from 'node:crypto';

/**
 * OAuth 1.0a request signing (RFC 5849 §3.4), as WooCommerce checks it over plain HTTP: one-legged
 * (no token), HMAC-SHA1 or HMAC-SHA256, the oauth_* parameters in the query string.
 */
export type OAuthSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

/** RFC 3986 percent-encoding: encodeURIComponent also leaves !'()* alone, which OAuth encodes. */
export function oauthPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `METHOD&encoded-base-url&encoded-sorted-params` (the base URL has no query and no fragment). */
export function signatureBaseString(method: string, baseUrl: string, params: Array<[string, string]>): string {
  const encoded = params.map(([k, v]) => [oauthPercentEncode(k), oauthPercentEncode(v)] as const);
  encoded.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  const normalized = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${oauthPercentEncode(baseUrl)}&${oauthPercentEncode(normalized)}`;
}

export function oauthSignature(method: OAuthSignatureMethod, baseString: string, consumerSecret: string, tokenSecret = ''): string {
  const key = `${oauthPercentEncode(consumerSecret)}&${oauthPercentEncode(tokenSecret)}`;
  return createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', key).update(baseString).digest('base64');
}

export interface OAuthSignInput {
  method: string;
  /** The full URL, its own query parameters are signed too. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  signatureMethod?: OAuthSignatureMethod;
  /** Injected in tests for a known signature. */
  nonce?: string;
  timestampSeconds?: number;
}

/** The URL with oauth_consumer_key, _nonce, _signature_method, _timestamp and _signature appended. */
export function signUrlOAuth1(input: OAuthSignInput): string {
  const url = new URL(input.url);
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA256';
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_nonce', input.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', signatureMethod],
    ['oauth_timestamp', String(input.timestampSeconds ?? Math.floor(Date.now() / 1000))],
  ];
  const params: Array<[string, string]> = [...url.searchParams.entries(), ...oauth];
  const base = `${url.protocol}//${url.host}${url.pathname}`;
  const signature = oauthSignature(signatureMethod, signatureBaseString(input.method, base, params), input.consumerSecret);
  for (const [k, v] of oauth) url.searchParams.append(k, v);
  url.searchParams.append('oauth_signature', signature);
  return url.toString();
}
