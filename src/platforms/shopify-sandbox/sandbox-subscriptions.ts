import { GraphQLError } from 'graphql';
import type { SandboxClock } from './sandbox-clock.js';

/** One webhook subscription of the app, as `webhookSubscriptionCreate` made it. */
export interface SandboxSubscription {
  id: number;
  /** `ORDERS_UPDATED` */
  topic: string;
  callbackUrl: string;
  createdAt: number;
  updatedAt: number;
}

/** `ORDERS_UPDATED` ↔ `orders/updated`, the name Shopify sends in X-Shopify-Topic. */
export function headerTopic(topic: string): string {
  return topic.toLowerCase().replace('_', '/');
}

interface UserError { field: string[]; message: string }

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Shopify accepts HTTPS callbacks only. The sandbox also takes plain HTTP to the loopback address,
 * so tests and the demo can receive on 127.0.0.1: the one place it is more lenient than Shopify.
 */
function addressError(raw: unknown): string | null {
  let url: URL;
  try {
    url = new URL(String(raw ?? ''));
  } catch {
    return 'Address is invalid';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]')) return null;
  return `Address protocol ${url.protocol}// is not supported`;
}

/** The app's subscriptions: the query and the three mutations, answered as Shopify does (userErrors, never HTTP errors). */
export class SandboxSubscriptions {
  readonly subscriptions: SandboxSubscription[] = [];
  private nextId = 1_400_000_000;

  constructor(private readonly clock: SandboxClock) {}

  /** The subscriptions a change of this header topic is delivered to. */
  matching(topic: string): SandboxSubscription[] {
    return this.subscriptions.filter((s) => headerTopic(s.topic) === topic);
  }

  private node(s: SandboxSubscription) {
    return {
      __typename: 'WebhookSubscription', id: `gid://shopify/WebhookSubscription/${s.id}`, legacyResourceId: String(s.id), topic: s.topic,
      callbackUrl: s.callbackUrl, endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: s.callbackUrl },
      format: 'JSON', includeFields: [], metafieldNamespaces: [], filter: null, apiVersion: { handle: '2025-01', displayName: '2025-01', supported: true },
      createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt),
    };
  }

  private find(gid: unknown): SandboxSubscription | undefined {
    const match = /^gid:\/\/shopify\/WebhookSubscription\/(\d+)$/.exec(String(gid));
    return match ? this.subscriptions.find((s) => s.id === Number(match[1])) : undefined;
  }

  queries() {
    return {
      webhookSubscriptions: (args: { first?: number | null; last?: number | null; after?: string | null; topics?: string[] | null; callbackUrl?: string | null }) => {
        if (args.first == null && args.last == null) throw new GraphQLError('you must provide one of first or last');
        const first = Math.min(250, args.first ?? args.last ?? 50);
        let items = [...this.subscriptions].sort((a, b) => a.id - b.id);
        if (args.topics) items = items.filter((s) => args.topics!.includes(s.topic));
        if (args.callbackUrl) items = items.filter((s) => s.callbackUrl === args.callbackUrl);
        const after = args.after ? Number(Buffer.from(args.after, 'base64url').toString()) : 0;
        const rest = items.filter((s) => s.id > after);
        const page = rest.slice(0, first);
        const cursor = (s: SandboxSubscription) => Buffer.from(String(s.id)).toString('base64url');
        return {
          nodes: page.map((s) => this.node(s)),
          edges: page.map((s) => ({ cursor: cursor(s), node: this.node(s) })),
          pageInfo: { hasNextPage: rest.length > page.length, hasPreviousPage: after > 0, endCursor: page.length > 0 ? cursor(page.at(-1)!) : null, startCursor: page.length > 0 ? cursor(page[0]!) : null },
        };
      },
      webhookSubscription: ({ id }: { id: string }) => {
        const found = this.find(id);
        return found ? this.node(found) : null;
      },
    };
  }

  mutations() {
    const refuse = (errors: UserError[]) => ({ webhookSubscription: null, userErrors: errors });
    return {
      webhookSubscriptionCreate: ({ topic, webhookSubscription }: { topic: string; webhookSubscription: { callbackUrl?: string | null; format?: string | null } }) => {
        const problem = webhookSubscription.callbackUrl == null ? 'Address can\'t be blank' : addressError(webhookSubscription.callbackUrl);
        if (problem) return refuse([{ field: ['webhookSubscription', 'callbackUrl'], message: problem }]);
        if (this.subscriptions.some((s) => s.topic === topic && s.callbackUrl === webhookSubscription.callbackUrl)) {
          return refuse([{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }]);
        }
        this.nextId += 1;
        const now = this.clock.now();
        const created: SandboxSubscription = { id: this.nextId, topic, callbackUrl: webhookSubscription.callbackUrl!, createdAt: now, updatedAt: now };
        this.subscriptions.push(created);
        return { webhookSubscription: this.node(created), userErrors: [] };
      },
      webhookSubscriptionUpdate: ({ id, webhookSubscription }: { id: string; webhookSubscription: { callbackUrl?: string | null } }) => {
        const found = this.find(id);
        if (!found) return refuse([{ field: ['id'], message: 'Webhook subscription does not exist' }]);
        if (webhookSubscription.callbackUrl != null) {
          const problem = addressError(webhookSubscription.callbackUrl);
          if (problem) return refuse([{ field: ['webhookSubscription', 'callbackUrl'], message: problem }]);
          if (this.subscriptions.some((s) => s !== found && s.topic === found.topic && s.callbackUrl === webhookSubscription.callbackUrl)) {
            return refuse([{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }]);
          }
          found.callbackUrl = webhookSubscription.callbackUrl;
        }
        found.updatedAt = this.clock.now();
        return { webhookSubscription: this.node(found), userErrors: [] };
      },
      webhookSubscriptionDelete: ({ id }: { id: string }) => {
        const found = this.find(id);
        if (!found) return { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
        this.subscriptions.splice(this.subscriptions.indexOf(found), 1);
        return { deletedWebhookSubscriptionId: id, userErrors: [] };
      },
    };
  }
}
