import { UsageError } from '../errors.js';
import { maskUrlCredentials } from '../logging/redact-url.js';
import type { WebhookPlatform } from './inbound-delivery.js';

/** The daemon's route for a store's deliveries (`src/daemon/routes/webhook-routes.ts`). */
export function webhookRoute(platform: WebhookPlatform, storeId: number): string {
  return `/webhooks/${platform}/${storeId}`;
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * A subscription is ecom-sync's when it delivers to this store's route, on whatever host: so a
 * moved daemon (a new public URL) is recognised and updated instead of subscribed twice, and other
 * apps' subscriptions are never touched.
 */
export function isEcomSyncUrl(url: string, platform: WebhookPlatform, storeId: number): boolean {
  return pathOf(url)?.endsWith(webhookRoute(platform, storeId)) === true;
}

/**
 * The URL the shop is told to call: `--url` as given, else `daemon.public_url` + the route. The
 * path must end with the route, since that is how the daemon (behind any path prefix of a proxy)
 * tells the store and platform, and how a later run recognises the subscription as ecom-sync's.
 */
export function resolveWebhookUrl(platform: WebhookPlatform, storeId: number, explicit: string | undefined, publicUrl: string | null): string {
  const route = webhookRoute(platform, storeId);
  const given = explicit ?? (publicUrl === null ? null : `${publicUrl.trim().replace(/\/+$/, '')}${route}`);
  if (given === null) {
    throw new UsageError('WEBHOOK_URL_MISSING', `store #${storeId}: no address to register for the webhooks: give --url or set daemon.public_url`, {
      hint: `Set daemon.public_url in ecom-sync.config.yaml to the daemon's public address (e.g. https://sync.example), or run: ecom-sync webhooks setup --store ${storeId} --url https://sync.example${route}`,
    });
  }
  const source = explicit === undefined ? 'daemon.public_url' : '--url';
  let url: URL;
  try {
    url = new URL(given.trim());
  } catch {
    throw new UsageError('INVALID_ARGUMENT', `${source} must be an http(s) URL such as https://sync.example, got ${JSON.stringify(maskUrlCredentials(given))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError('INVALID_ARGUMENT', `${source} must start with https:// (or http://), got ${JSON.stringify(maskUrlCredentials(given))}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('INVALID_ARGUMENT', `${source} must not carry a user or password: the shop would send them with every delivery`);
  }
  const text = url.toString().replace(/\/+$/, '');
  if (!isEcomSyncUrl(text, platform, storeId)) {
    throw new UsageError('WEBHOOK_URL_INVALID', `${source}: the address must end with ${route}, the daemon's route for this store (got ${JSON.stringify(text)})`, {
      hint: `For example: ecom-sync webhooks setup --store ${storeId} --url https://sync.example${route}`,
    });
  }
  return text;
}
