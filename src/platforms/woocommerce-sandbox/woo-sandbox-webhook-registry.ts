import { createHash } from 'node:crypto';
import { request } from 'undici';
import { errorAnswer, jsonAnswer, renderOrder, type RouteAnswer, type RouteRequest } from './woo-sandbox-routes.js';
import { webhookSignature } from './woo-sandbox-webhooks.js';
import { toWooGmt, type WooShopClock } from './woo-shop-clock.js';
import type { WooSandboxOrder } from './woo-shop-types.js';

export type WooWebhookStatus = 'active' | 'paused' | 'disabled';

/** A webhook created through `POST /wc/v3/webhooks` (or by a test, as an admin would). */
export interface WooSandboxWebhook {
  id: number;
  name: string;
  status: WooWebhookStatus;
  topic: string;
  deliveryUrl: string;
  /** Never in an answer: WooCommerce does not show a webhook's secret again. */
  secret: string;
  /** Consecutive failed deliveries; more than MAX_FAILURES disables the webhook. */
  failureCount: number;
  created: number;
  modified: number;
}

export interface RegisteredWebhookDelivery {
  webhookId: number;
  /** `ping` for the creation ping (form body `webhook_id=N`). */
  topic: string;
  orderId: number | null;
  deliveryUrl: string;
  status: number | null;
  error: string | null;
}

/** WooCommerce's `woocommerce_max_webhook_delivery_failures` default. */
const MAX_FAILURES = 5;
const STATUSES: readonly WooWebhookStatus[] = ['active', 'paused', 'disabled'];
const ORDER_TOPICS = new Set(['order.created', 'order.updated', 'order.deleted', 'order.restored']);
const HOOKS: Record<string, string[]> = { 'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded'], 'order.created': ['woocommerce_new_order'] };

function invalidId(): RouteAnswer {
  return errorAnswer({ status: 404, code: 'woocommerce_rest_shop_webhook_invalid_id', message: 'Invalid ID.' });
}

function parseBody(raw: string): { body: Record<string, unknown> } | { refused: RouteAnswer } {
  if (raw.trim() === '') return { body: {} };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
  } catch {
    // below
  }
  return { refused: errorAnswer({ status: 400, code: 'rest_invalid_json', message: 'Invalid JSON body passed.' }) };
}

function validUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The shop's webhooks: REST v3 `/wc/v3/webhooks` (list, create, read, update, delete with
 * force=true) and their deliveries after each save of an order, signed with each webhook's own
 * secret. As WooCommerce: a creation ping, no retries, and a webhook that failed more than five
 * times in a row is set to `disabled` and delivers nothing more until it is activated again.
 */
export class WooWebhookRegistry {
  readonly webhooks = new Map<number, WooSandboxWebhook>();
  readonly deliveries: RegisteredWebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private nextId = 0;

  constructor(private readonly clock: WooShopClock, private readonly source: () => string) {}

  /** Adds a webhook as the admin screen would (a foreign one in tests); no ping. */
  add(input: { name?: string; topic?: string; deliveryUrl: string; secret?: string; status?: WooWebhookStatus }): WooSandboxWebhook {
    this.nextId += 1;
    const now = this.clock.now();
    const webhook: WooSandboxWebhook = {
      id: this.nextId, name: input.name ?? `Webhook created on ${toWooGmt(now)}`, status: input.status ?? 'active', topic: input.topic ?? 'order.updated',
      deliveryUrl: input.deliveryUrl, secret: input.secret ?? createHash('sha256').update(`sandbox-${this.nextId}`).digest('hex'), failureCount: 0, created: now, modified: now,
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  private render(w: WooSandboxWebhook): Record<string, unknown> {
    const [resource, event] = w.topic.split('.');
    return {
      id: w.id, name: w.name, status: w.status, topic: w.topic, resource: resource ?? '', event: event ?? '', hooks: HOOKS[w.topic] ?? [],
      delivery_url: w.deliveryUrl, date_created: toWooGmt(w.created), date_created_gmt: toWooGmt(w.created), date_modified: toWooGmt(w.modified), date_modified_gmt: toWooGmt(w.modified),
    };
  }

  /** The `/wc/v3/webhooks` routes, or null for any other route. */
  route(req: RouteRequest): RouteAnswer | null {
    if (req.route === '/wc/v3/webhooks') {
      if (req.method === 'GET') return this.list(req);
      if (req.method === 'POST') return this.create(req);
      return null;
    }
    const one = /^\/wc\/v3\/webhooks\/(\d+)$/.exec(req.route);
    if (!one) return null;
    const webhook = this.webhooks.get(Number(one[1]));
    if (req.method === 'GET') return webhook ? jsonAnswer(200, this.render(webhook)) : invalidId();
    if (req.method === 'PUT' || req.method === 'POST' || req.method === 'PATCH') return webhook ? this.update(webhook, req) : invalidId();
    if (req.method === 'DELETE') {
      if (!webhook) return invalidId();
      const force = req.query.get('force');
      if (force !== 'true' && force !== '1') return errorAnswer({ status: 501, code: 'woocommerce_rest_trash_not_supported', message: 'Webhooks do not support trashing.' });
      this.webhooks.delete(webhook.id);
      return jsonAnswer(200, this.render(webhook));
    }
    return null;
  }

  private list(req: RouteRequest): RouteAnswer {
    const perPage = Number(req.query.get('per_page') ?? '10');
    const page = Number(req.query.get('page') ?? '1');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return errorAnswer({ status: 400, code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } });
    if (!Number.isInteger(page) || page < 1) return errorAnswer({ status: 400, code: 'rest_invalid_param', message: 'Invalid parameter(s): page', params: { page: 'page must be greater than or equal to 1' } });
    const status = req.query.get('status') ?? 'all';
    const rows = [...this.webhooks.values()].filter((w) => status === 'all' || w.status === status).sort((a, b) => b.id - a.id);
    const totalPages = Math.ceil(rows.length / perPage);
    return jsonAnswer(200, rows.slice((page - 1) * perPage, page * perPage).map((w) => this.render(w)), { 'x-wp-total': String(rows.length), 'x-wp-totalpages': String(totalPages) });
  }

  private create(req: RouteRequest): RouteAnswer {
    const parsed = parseBody(req.body);
    if ('refused' in parsed) return parsed.refused;
    const { body } = parsed;
    if (typeof body.topic !== 'string' || !ORDER_TOPICS.has(body.topic)) {
      return errorAnswer({ status: 400, code: 'woocommerce_rest_shop_webhook_invalid_topic', message: 'Webhook topic is required and must be valid.' });
    }
    if (!validUrl(body.delivery_url)) {
      return errorAnswer({ status: 400, code: 'woocommerce_rest_shop_webhook_invalid_delivery_url', message: 'Webhook delivery URL must be a valid URL starting with http:// or https://.' });
    }
    const status = body.status ?? 'active';
    if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
      return errorAnswer({ status: 400, code: 'rest_invalid_param', message: 'Invalid parameter(s): status', params: { status: 'status is not one of active, paused, and disabled.' } });
    }
    const webhook = this.add({
      deliveryUrl: body.delivery_url, topic: body.topic, status: status as WooWebhookStatus,
      ...(typeof body.name === 'string' && body.name !== '' ? { name: body.name } : {}),
      ...(typeof body.secret === 'string' && body.secret !== '' ? { secret: body.secret } : {}),
    });
    // WooCommerce pings a new webhook's URL; whatever the answer, the webhook is created.
    this.send(webhook, 'ping', null, `webhook_id=${webhook.id}`, 'application/x-www-form-urlencoded');
    return jsonAnswer(201, this.render(webhook));
  }

  private update(webhook: WooSandboxWebhook, req: RouteRequest): RouteAnswer {
    const parsed = parseBody(req.body);
    if ('refused' in parsed) return parsed.refused;
    const { body } = parsed;
    if (body.delivery_url !== undefined && !validUrl(body.delivery_url)) {
      return errorAnswer({ status: 400, code: 'woocommerce_rest_shop_webhook_invalid_delivery_url', message: 'Webhook delivery URL must be a valid URL starting with http:// or https://.' });
    }
    if (body.status !== undefined && (typeof body.status !== 'string' || !(STATUSES as readonly string[]).includes(body.status))) {
      return errorAnswer({ status: 400, code: 'rest_invalid_param', message: 'Invalid parameter(s): status', params: { status: 'status is not one of active, paused, and disabled.' } });
    }
    if (body.topic !== undefined && (typeof body.topic !== 'string' || !ORDER_TOPICS.has(body.topic))) {
      return errorAnswer({ status: 400, code: 'woocommerce_rest_shop_webhook_invalid_topic', message: 'Webhook topic is required and must be valid.' });
    }
    if (typeof body.delivery_url === 'string') webhook.deliveryUrl = body.delivery_url;
    if (typeof body.secret === 'string' && body.secret !== '') webhook.secret = body.secret;
    if (typeof body.name === 'string') webhook.name = body.name;
    if (typeof body.topic === 'string') webhook.topic = body.topic;
    if (typeof body.status === 'string') {
      webhook.status = body.status as WooWebhookStatus;
      if (webhook.status === 'active') webhook.failureCount = 0;
    }
    webhook.modified = this.clock.now();
    return jsonAnswer(200, this.render(webhook));
  }

  /** A saved order: each active order.updated webhook gets it, built now (WooCommerce builds the body when it sends). */
  deliver(order: WooSandboxOrder): void {
    for (const webhook of this.webhooks.values()) {
      if (webhook.status !== 'active' || webhook.topic !== 'order.updated') continue;
      this.send(webhook, 'order.updated', order.id, JSON.stringify(renderOrder(order, null)), 'application/json');
    }
  }

  private send(webhook: WooSandboxWebhook, topic: string, orderId: number | null, body: string, contentType: string): void {
    const second = Math.floor(this.clock.now() / 1000);
    const deliveryId = createHash('sha256').update(`${webhook.id}:${second}`).digest('hex').slice(0, 32);
    const delivery: RegisteredWebhookDelivery = { webhookId: webhook.id, topic, orderId, deliveryUrl: webhook.deliveryUrl, status: null, error: null };
    this.deliveries.push(delivery);
    const [resource, event] = webhook.topic.split('.');
    const headers: Record<string, string> = topic === 'ping'
      ? { 'content-type': contentType }
      : {
          'content-type': contentType, 'x-wc-webhook-source': `${this.source()}/`, 'x-wc-webhook-topic': webhook.topic, 'x-wc-webhook-resource': resource ?? '', 'x-wc-webhook-event': event ?? '',
          'x-wc-webhook-id': String(webhook.id), 'x-wc-webhook-delivery-id': deliveryId, 'x-wc-webhook-signature': webhookSignature(body, webhook.secret),
        };
    const sending = request(webhook.deliveryUrl, { method: 'POST', headers, body })
      .then(async (response) => {
        delivery.status = response.statusCode;
        await response.body.dump();
      })
      .catch((error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        this.inFlight.delete(sending);
        if (topic !== 'ping') this.count(webhook, delivery);
      });
    this.inFlight.add(sending);
  }

  /** WooCommerce counts consecutive failures (no answer, or not 2xx/3xx) and resets the count on success. */
  private count(webhook: WooSandboxWebhook, delivery: RegisteredWebhookDelivery): void {
    const ok = delivery.status !== null && delivery.status >= 200 && delivery.status < 400;
    if (ok) {
      webhook.failureCount = 0;
      return;
    }
    webhook.failureCount += 1;
    if (webhook.failureCount > MAX_FAILURES && webhook.status === 'active') webhook.status = 'disabled';
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
