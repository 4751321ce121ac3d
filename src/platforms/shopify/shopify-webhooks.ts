import type { WebhookSubscription, WebhookSubscriptionChange, WebhookSubscriptionInput, WebhookSubscriptionPort } from '../webhook-subscription-port.js';
import {
  WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, WEBHOOK_SUBSCRIPTION_DELETE_MUTATION, WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION, WEBHOOK_SUBSCRIPTIONS_QUERY, type ShopifyDocument,
} from './graphql/index.js';
import type { GraphqlTransport } from './graphql-transport.js';
import { ShopifyPlatformError } from './shopify-errors.js';

/** The order topics ecom-sync follows: each one a change `orders pull` would see. */
export const SHOPIFY_WEBHOOK_TOPICS = ['ORDERS_UPDATED', 'ORDERS_CANCELLED', 'ORDERS_FULFILLED', 'ORDERS_PAID'] as const;

interface SubscriptionNode {
  id: string;
  topic: string;
  endpoint: { __typename: string; callbackUrl?: string } | null;
}

interface UserError {
  field: string[] | null;
  message: string;
}

function toSubscription(node: SubscriptionNode): WebhookSubscription {
  // EventBridge and Pub/Sub endpoints have no URL: listed by their kind, never taken for ecom-sync's.
  const url = node.endpoint?.callbackUrl ?? `(${node.endpoint?.__typename ?? 'no endpoint'})`;
  return { id: node.id, topic: node.topic, url, status: 'active', name: null };
}

/**
 * The app's webhook subscriptions through the Admin GraphQL API. Shopify signs every delivery
 * with the app's client secret, so no secret travels here.
 */
export class ShopifyWebhooks implements WebhookSubscriptionPort {
  readonly topics = SHOPIFY_WEBHOOK_TOPICS;
  readonly secretPerSubscription = false;

  constructor(private readonly transport: GraphqlTransport, private readonly label: string) {}

  async list(options: { signal?: AbortSignal } = {}): Promise<WebhookSubscription[]> {
    const out: WebhookSubscription[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { webhookSubscriptions: { nodes: SubscriptionNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await this.transport.send(WEBHOOK_SUBSCRIPTIONS_QUERY, { variables: { first: 100, after }, ...(options.signal ? { signal: options.signal } : {}) });
      out.push(...data.webhookSubscriptions.nodes.map(toSubscription));
      const page = data.webhookSubscriptions.pageInfo;
      if (!page.hasNextPage || page.endCursor === null) return out;
      after = page.endCursor;
    }
  }

  async create(input: WebhookSubscriptionInput, options: { signal?: AbortSignal } = {}): Promise<WebhookSubscription> {
    const data = await this.transport.send<{ webhookSubscriptionCreate: { webhookSubscription: SubscriptionNode | null; userErrors: UserError[] } }>(WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, {
      variables: { topic: input.topic, webhookSubscription: { callbackUrl: input.url, format: 'JSON' } },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return this.subscriptionOrThrow(WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, data.webhookSubscriptionCreate, `${input.topic} → ${input.url}`);
  }

  async update(id: string, change: WebhookSubscriptionChange, options: { signal?: AbortSignal } = {}): Promise<WebhookSubscription> {
    const data = await this.transport.send<{ webhookSubscriptionUpdate: { webhookSubscription: SubscriptionNode | null; userErrors: UserError[] } }>(WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION, {
      variables: { id, webhookSubscription: { ...(change.url === undefined ? {} : { callbackUrl: change.url }) } },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return this.subscriptionOrThrow(WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION, data.webhookSubscriptionUpdate, id);
  }

  async remove(id: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const data = await this.transport.send<{ webhookSubscriptionDelete: { deletedWebhookSubscriptionId: string | null; userErrors: UserError[] } }>(WEBHOOK_SUBSCRIPTION_DELETE_MUTATION, {
      variables: { id }, ...(options.signal ? { signal: options.signal } : {}),
    });
    const { userErrors } = data.webhookSubscriptionDelete;
    // Gone already is what a removal wants.
    if (userErrors.length > 0 && !userErrors.every((e) => /does not exist|not found/i.test(e.message))) throw this.refused(WEBHOOK_SUBSCRIPTION_DELETE_MUTATION, userErrors, id);
  }

  private subscriptionOrThrow(document: ShopifyDocument, payload: { webhookSubscription: SubscriptionNode | null; userErrors: UserError[] }, what: string): WebhookSubscription {
    if (payload.userErrors.length > 0 || payload.webhookSubscription === null) throw this.refused(document, payload.userErrors, what);
    return toSubscription(payload.webhookSubscription);
  }

  private refused(document: ShopifyDocument, errors: UserError[], what: string): ShopifyPlatformError {
    const messages = errors.length === 0 ? 'no subscription in the answer' : errors.map((e) => `${(e.field ?? []).join('.') || 'input'}: ${e.message}`).join('; ');
    return new ShopifyPlatformError('SHOPIFY_WEBHOOK_REFUSED', `${this.label}: ${document.name} (${what}) was refused: ${messages}`, { kind: 'refused', message: messages }, {
      hint: 'Shopify delivers only to public HTTPS addresses: check --url or daemon.public_url, then run `ecom-sync webhooks setup` again.',
    });
  }
}
