import { PlatformError, UsageError } from '../../errors.js';
import type { WebhookSubscription, WebhookSubscriptionChange, WebhookSubscriptionInput, WebhookSubscriptionPort } from '../webhook-subscription-port.js';
import { badResponse } from './woo-errors.js';
import { hasNextPage } from './woo-pages.js';
import type { WooResponse, WooTransport } from './woo-request.js';

/** `order.updated` fires for every saved change of an order, creation included (WooCommerce saves new orders twice). */
export const WOO_WEBHOOK_TOPICS = ['order.updated'] as const;

const WEBHOOKS = '/wc/v3/webhooks';

function toSubscription(response: WooResponse, value: unknown): WebhookSubscription {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
  if (record === null || !Number.isSafeInteger(record.id) || typeof record.topic !== 'string' || typeof record.delivery_url !== 'string' || typeof record.status !== 'string') {
    throw badResponse(response.ctx, 'a webhook without id, topic, delivery_url and status');
  }
  return { id: String(record.id), topic: record.topic, url: record.delivery_url, status: record.status, name: typeof record.name === 'string' ? record.name : null };
}

function webhookId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new UsageError('INVALID_ARGUMENT', `"${id}" is not a WooCommerce webhook id`, { hint: 'Use an id as `ecom-sync webhooks list` shows it.' });
  return Number(id);
}

/**
 * WooCommerce REST v3 webhooks. Each carries its own secret, chosen by ecom-sync: WooCommerce
 * signs deliveries with it and never shows it again (GET answers leave it out).
 */
export class WooWebhooks implements WebhookSubscriptionPort {
  readonly topics = WOO_WEBHOOK_TOPICS;
  readonly secretPerSubscription = true;

  constructor(private readonly transport: WooTransport) {}

  async list(options: { signal?: AbortSignal } = {}): Promise<WebhookSubscription[]> {
    const out: WebhookSubscription[] = [];
    for (let page = 1; ; page += 1) {
      const response = await this.transport.send({ method: 'GET', route: WEBHOOKS, query: [['per_page', '100'], ['page', String(page)]], ...(options.signal ? { signal: options.signal } : {}) });
      if (!Array.isArray(response.json)) throw badResponse(response.ctx, 'a webhooks list that is not a JSON array');
      out.push(...response.json.map((value) => toSubscription(response, value)));
      if (!hasNextPage(response.headers, page) || response.json.length === 0) return out;
    }
  }

  async create(input: WebhookSubscriptionInput, options: { signal?: AbortSignal } = {}): Promise<WebhookSubscription> {
    const body = { name: input.name, topic: input.topic, delivery_url: input.url, status: 'active', ...(input.secret === null ? {} : { secret: input.secret }) };
    const response = await this.transport.send({ method: 'POST', route: WEBHOOKS, body, secrets: input.secret === null ? [] : [input.secret], ...(options.signal ? { signal: options.signal } : {}) });
    return toSubscription(response, response.json);
  }

  async update(id: string, change: WebhookSubscriptionChange, options: { signal?: AbortSignal } = {}): Promise<WebhookSubscription> {
    const body = {
      ...(change.url === undefined ? {} : { delivery_url: change.url }),
      ...(change.secret === undefined ? {} : { secret: change.secret }),
      ...(change.activate === true ? { status: 'active' } : {}),
    };
    const response = await this.transport.send({ method: 'PUT', route: `${WEBHOOKS}/${webhookId(id)}`, body, secrets: change.secret === undefined ? [] : [change.secret], ...(options.signal ? { signal: options.signal } : {}) });
    return toSubscription(response, response.json);
  }

  async remove(id: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      // Webhooks cannot be trashed: without force=true WooCommerce answers 501.
      await this.transport.send({ method: 'DELETE', route: `${WEBHOOKS}/${webhookId(id)}`, query: [['force', 'true']], ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      // Gone already is what a removal wants.
      if (error instanceof PlatformError && error.details?.status === 404) return;
      throw error;
    }
  }
}
