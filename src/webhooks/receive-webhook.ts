import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import { findStoreById } from '../stores/store-repository.js';
import { describeDelivery, signatureHeaderName, type WebhookPlatform } from './inbound-delivery.js';
import { insertInboundEvent } from './inbound-event-repository.js';
import { isValidSignature } from './webhook-signature.js';
import { resolveWebhookSecret } from './webhook-secret.js';

type Headers = Record<string, string | string[] | undefined>;

export type ReceiveResult =
  | { kind: 'stored' | 'duplicate'; topic: string; dedupKey: string }
  | { kind: 'ping' }
  | { kind: 'unknown-store'; reason: string }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'bad-body'; reason: string };

export interface ReceiveDeps {
  db: Kysely<Database>;
  env: NodeJS.ProcessEnv;
  now(): number;
}

function single(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One delivery: the store must exist on that platform and the signature over the raw bytes must
 * match its secret before anything is parsed or stored. Accepted deliveries are inserted (once per
 * dedup key) and processed later: the platform gets its answer within its timeout.
 */
export async function receiveWebhook(deps: ReceiveDeps, platform: WebhookPlatform, storeId: number, headers: Headers, rawBody: Buffer): Promise<ReceiveResult> {
  const store = await findStoreById(deps.db, storeId);
  if (!store || store.platform_name.toLowerCase() !== platform) {
    return { kind: 'unknown-store', reason: store ? `store ${storeId} is a ${store.platform_name} store, not ${platform}` : `store ${storeId} does not exist` };
  }
  const contentType = single(headers, 'content-type') ?? '';
  // WooCommerce pings a new webhook's URL with a form body `webhook_id=N` and expects a 200.
  if (platform === 'woocommerce' && contentType.startsWith('application/x-www-form-urlencoded') && /^webhook_id=\d+$/.test(rawBody.toString('utf8').trim())) {
    return { kind: 'ping' };
  }
  const secret = resolveWebhookSecret(store, deps.env);
  if (secret === null) {
    return { kind: 'unauthorized', reason: `store ${store.name} (#${storeId}) has no webhook secret: set one with \`ecom-sync stores update ${storeId} --webhook-secret-env VAR\`` };
  }
  if (!isValidSignature(secret, rawBody, single(headers, signatureHeaderName(platform)))) {
    return { kind: 'unauthorized', reason: `bad or missing ${signatureHeaderName(platform)} signature` };
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'bad-body', reason: 'the body is not JSON' };
  }
  const delivery = describeDelivery(platform, headers, body);
  const { stored } = await insertInboundEvent(deps.db, { storeId, platform, delivery, payload: rawBody.toString('utf8'), receivedAt: deps.now() });
  return { kind: stored ? 'stored' : 'duplicate', topic: delivery.topic, dedupKey: delivery.dedupKey };
}
