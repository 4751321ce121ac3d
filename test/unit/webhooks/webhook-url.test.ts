import { describe, expect, it } from 'vitest';
import { EcomSyncError } from '../../../src/errors.js';
import { isEcomSyncUrl, resolveWebhookUrl } from '../../../src/webhooks/webhook-url.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof EcomSyncError) return `${error.code} exit ${error.exitCode}`;
    throw error;
  }
  return 'no error';
}

describe('the address a shop is told to call', () => {
  it('defaults to daemon.public_url plus the store route, with or without a trailing slash or a path prefix', () => {
    expect(resolveWebhookUrl('shopify', 3, undefined, 'https://sync.example')).toBe('https://sync.example/webhooks/shopify/3');
    expect(resolveWebhookUrl('woocommerce', 12, undefined, 'https://sync.example/ecom/')).toBe('https://sync.example/ecom/webhooks/woocommerce/12');
    expect(resolveWebhookUrl('woocommerce', 2, 'https://proxy.example/x/webhooks/woocommerce/2/', 'https://sync.example')).toBe('https://proxy.example/x/webhooks/woocommerce/2');
  });

  it('is a usage error (exit 2) when missing, not a URL, carrying credentials or not ending with the route', () => {
    expect(codeOf(() => resolveWebhookUrl('shopify', 3, undefined, null))).toBe('WEBHOOK_URL_MISSING exit 2');
    expect(codeOf(() => resolveWebhookUrl('shopify', 3, 'sync.example/webhooks/shopify/3', null))).toBe('INVALID_ARGUMENT exit 2');
    expect(codeOf(() => resolveWebhookUrl('shopify', 3, 'ftp://sync.example/webhooks/shopify/3', null))).toBe('INVALID_ARGUMENT exit 2');
    expect(codeOf(() => resolveWebhookUrl('shopify', 3, 'https://u:p@sync.example/webhooks/shopify/3', null))).toBe('INVALID_ARGUMENT exit 2');
    expect(codeOf(() => resolveWebhookUrl('shopify', 3, 'https://sync.example/webhooks/shopify/33', null))).toBe('WEBHOOK_URL_INVALID exit 2');
    expect(codeOf(() => resolveWebhookUrl('shopify', 3, 'https://sync.example/webhooks/woocommerce/3', null))).toBe('WEBHOOK_URL_INVALID exit 2');
  });

  it("recognises ecom-sync's subscriptions by the store's route on any host, and nothing else", () => {
    expect(isEcomSyncUrl('https://old.example/webhooks/shopify/3', 'shopify', 3)).toBe(true);
    expect(isEcomSyncUrl('http://127.0.0.1:8080/webhooks/shopify/3/', 'shopify', 3)).toBe(true);
    expect(isEcomSyncUrl('https://sync.example/webhooks/shopify/13', 'shopify', 3)).toBe(false);
    expect(isEcomSyncUrl('https://sync.example/webhooks/shopify/3/extra', 'shopify', 3)).toBe(false);
    expect(isEcomSyncUrl('https://erp.example/orders', 'shopify', 3)).toBe(false);
    expect(isEcomSyncUrl('(WebhookPubSubEndpoint)', 'shopify', 3)).toBe(false);
  });
});
