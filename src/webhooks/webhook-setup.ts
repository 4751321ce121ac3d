import { randomBytes } from 'node:crypto';
import type { App } from '../app-types.js';
import { UsageError } from '../errors.js';
import type { WebhookSubscription, WebhookSubscriptionChange } from '../platforms/webhook-subscription-port.js';
import type { StoreRow } from '../stores/store-repository.js';
import { listStoreSubscriptions, storeWebhooks } from './webhook-subscriptions.js';
import { resolveWebhookSecret } from './webhook-secret.js';
import { resolveWebhookUrl } from './webhook-url.js';

export type SetupAction = 'created' | 'updated' | 'unchanged' | 'removed_duplicate';

export interface SetupLine {
  topic: string;
  action: SetupAction;
  id: string;
  url: string;
  status: string;
  /** What an update changed, in words (`address`, `re-activated`, `secret`). */
  detail: string | null;
}

/** Where the secret the deliveries are verified with comes from; the secret itself is never reported. */
export type SecretSource = 'generated' | 'stored' | 'environment' | 'app client secret';

export interface SetupReport {
  id_store: number;
  store: string;
  platform: string;
  url: string;
  secret: SecretSource;
  subscriptions: SetupLine[];
}

export interface SetupOptions {
  /** `--url`; else `daemon.public_url` + the store's route. */
  url?: string;
  /** WooCommerce: a new secret (when stored by ecom-sync) sent to ecom-sync's existing webhooks too. */
  resetSecret?: boolean;
  signal?: AbortSignal;
}

/** A secret for a WooCommerce webhook: 256 random bits, hex (no character a form or a proxy could mangle). */
function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The secret WooCommerce will sign with: the variable the store names, else the stored one, else a
 * new one stored now — before the shop hears of it, so a delivery is never signed with a secret
 * ecom-sync does not have.
 */
async function wooSecret(app: App, store: StoreRow, reset: boolean): Promise<{ secret: string; source: SecretSource; fresh: boolean }> {
  if (store.webhook_secret_env) {
    const value = app.env[store.webhook_secret_env];
    if (!value) {
      throw new UsageError('WEBHOOK_SECRET_MISSING', `store ${store.name} (#${store.id_store}) reads its webhook secret from ${store.webhook_secret_env}, which is not set`, {
        hint: `Export ${store.webhook_secret_env} where ecom-sync runs, or drop the variable so that ecom-sync generates and stores a secret: ecom-sync stores update ${store.id_store} --webhook-secret-env OTHER`,
      });
    }
    return { secret: value, source: 'environment', fresh: reset };
  }
  if (store.webhook_secret && !reset) return { secret: store.webhook_secret, source: 'stored', fresh: false };
  const secret = newSecret();
  await app.db.updateTable('stores').set({ webhook_secret: secret, webhook_secret_env: null }).where('id_store', '=', store.id_store).execute();
  return { secret, source: 'generated', fresh: true };
}

function line(subscription: WebhookSubscription, action: SetupAction, detail: string | null = null): SetupLine {
  return { topic: subscription.topic, action, id: subscription.id, url: subscription.url, status: subscription.status, detail };
}

/**
 * Registers the store's subscriptions, idempotently: it lists what the platform has first, creates
 * the topics ecom-sync's route lacks, updates its own subscriptions whose address changed (or that
 * the platform disabled), removes its own duplicates, and leaves every other subscription alone.
 */
export async function setupStoreWebhooks(app: App, store: StoreRow, options: SetupOptions = {}): Promise<SetupReport> {
  const { platform, port } = await storeWebhooks(app, store);
  const url = resolveWebhookUrl(platform, store.id_store, options.url, app.config.daemon.public_url);
  const call = options.signal ? { signal: options.signal } : {};
  let secret: { secret: string | null; source: SecretSource; fresh: boolean };
  if (port.secretPerSubscription) {
    secret = await wooSecret(app, store, options.resetSecret === true);
  } else {
    // Shopify signs with the app's client secret: without it every delivery would be refused with 401.
    if (resolveWebhookSecret(store, app.env) === null) {
      throw new UsageError('WEBHOOK_SECRET_MISSING', `store ${store.name} (#${store.id_store}): ecom-sync has no secret to verify Shopify's webhooks with, so every delivery would be refused`, {
        hint: `Shopify signs an app's webhooks with the app's client secret: ecom-sync stores update ${store.id_store} --webhook-secret-env VAR (or --client-secret-env VAR), then run setup again.`,
      });
    }
    secret = { secret: null, source: store.webhook_secret_env || store.webhook_secret ? (store.webhook_secret_env ? 'environment' : 'stored') : 'app client secret', fresh: false };
  }

  const ours = (await listStoreSubscriptions(app, store, options.signal)).filter((s) => s.ours);
  const lines: SetupLine[] = [];
  for (const topic of port.topics) {
    const mine = ours.filter((s) => s.topic === topic);
    if (mine.length === 0) {
      const created = await port.create({ topic, url, secret: secret.secret, name: `ecom-sync ${topic} (store ${store.id_store})` }, call);
      lines.push(line(created, 'created'));
      continue;
    }
    const keep = mine.find((s) => s.url === url) ?? mine[0]!;
    const change: WebhookSubscriptionChange = {};
    const changed: string[] = [];
    if (keep.url !== url) {
      change.url = url;
      changed.push(`address was ${keep.url}`);
    }
    if (keep.status !== 'active') {
      change.activate = true;
      changed.push(`re-activated (was ${keep.status})`);
    }
    if (secret.fresh && secret.secret !== null) {
      change.secret = secret.secret;
      changed.push('new secret');
    }
    lines.push(changed.length === 0 ? line(keep, 'unchanged') : line(await port.update(keep.id, change, call), 'updated', changed.join('; ')));
    for (const extra of mine.filter((s) => s !== keep)) {
      await port.remove(extra.id, call);
      lines.push(line(extra, 'removed_duplicate'));
    }
  }
  return { id_store: store.id_store, store: store.name, platform: store.platform_name, url, secret: secret.source, subscriptions: lines };
}
