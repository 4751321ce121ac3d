import OAuth from 'oauth-1.0a';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oauthSignature, signatureBaseString, signUrlOAuth1 } from '../../../src/platforms/woocommerce/oauth1-signature.js';

describe('OAuth 1.0a signing', () => {
  it('reproduces the well-known signature of the OAuth 1.0a reference example (HMAC-SHA1, with a token)', () => {
    const params: Array<[string, string]> = [
      ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
      ['include_entities', 'true'],
      ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
      ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1318622958'],
      ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
      ['oauth_version', '1.0'],
    ];
    const base = signatureBaseString('POST', 'https://api.twitter.com/1.1/statuses/update.json', params);
    expect(oauthSignature('HMAC-SHA1', base, 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw', 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE')).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('signs one-legged WooCommerce URLs exactly as the oauth-1.0a library does (HMAC-SHA256, query parameters included)', () => {
    const url = 'http://shop.example/?rest_route=/wc/v3/orders&per_page=100&modified_after=2026-11-30T10:00:00';
    const signed = new URL(signUrlOAuth1({ method: 'GET', url, consumerKey: 'ck_abc', consumerSecret: 'cs_secret!', nonce: 'n0nce', timestampSeconds: 1_800_000_000 }));
    const library = new OAuth({
      consumer: { key: 'ck_abc', secret: 'cs_secret!' },
      signature_method: 'HMAC-SHA256',
      hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
    });
    // WooCommerce does not need oauth_version; the library's data object is given without it.
    const data = { oauth_consumer_key: 'ck_abc', oauth_nonce: 'n0nce', oauth_signature_method: 'HMAC-SHA256', oauth_timestamp: 1_800_000_000 } as unknown as OAuth.Data;
    const expected = library.getSignature({ url, method: 'GET' }, undefined, data);
    expect(signed.searchParams.get('oauth_signature')).toBe(expected);
    expect(signed.searchParams.get('rest_route')).toBe('/wc/v3/orders');
    expect(signed.searchParams.get('oauth_consumer_key')).toBe('ck_abc');
    expect(signed.searchParams.has('consumer_secret')).toBe(false);
  });
});
