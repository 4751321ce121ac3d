import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`) both sign the raw
 * body: base64 of HMAC-SHA256 with the shared secret. Compared in constant time, over the bytes as
 * received (a parsed and re-serialised body would not match).
 */
export function signBody(secret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export function isValidSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (header === undefined || header.length === 0 || secret.length === 0) return false;
  const expected = Buffer.from(signBody(secret, rawBody), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  // timingSafeEqual needs equal lengths; the length of a base64 SHA-256 digest is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
