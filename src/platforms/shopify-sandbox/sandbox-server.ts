/**
 * A Shopify-like Admin GraphQL endpoint on 127.0.0.1: every query is parsed and validated against
 * Shopify's shipped schema, then executed over a seeded shop, with cost throttling, scripted faults,
 * the client-credentials token endpoint and a record of every mutation.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenSandbox } from '../listen-sandbox.js';
import type { GraphQLError} from 'graphql';
import { execute, getOperationAST, parse, validate, type DocumentNode } from 'graphql';
import { loadAdminSchema } from './admin-schema.js';
import { SettableClock } from './sandbox-clock.js';
import { requestedCost, SandboxCostBucket, type BucketOptions } from './sandbox-cost.js';
import { ShopifySandboxFaults } from './sandbox-faults.js';
import { mutationRoot, queryRoot, type ResolverContext, type SandboxMutation } from './sandbox-resolvers.js';
import { seedShopifyStore } from './sandbox-seed.js';
import { SandboxShopifyStore } from './sandbox-shop.js';
import { SandboxSubscriptions } from './sandbox-subscriptions.js';
import { SandboxWebhooks, type WebhookTarget } from './sandbox-webhooks.js';

export const DEFAULT_SHOPIFY_SANDBOX_TOKEN = 'shpat_ecomsyncsandbox0000000000000001';
export const DEFAULT_SHOPIFY_SANDBOX_CLIENT = { clientId: 'ecomsync-sandbox-client', clientSecret: 'shpss_ecomsyncsandbox000000000000001' } as const;
export const ALL_SANDBOX_SCOPES = ['read_orders', 'write_orders', 'read_all_orders', 'read_fulfillments', 'write_fulfillments', 'read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders'] as const;
const MAX_QUERY_COST = 1000;

export interface ShopifySandboxOptions {
  port?: number;
  host?: string;
  orders?: number;
  /** A permanent Admin API token it accepts (null: none, client credentials only). */
  accessToken?: string | null;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of a client-credentials token, seconds (Shopify: about 24 h). */
  tokenTtlSeconds?: number;
  scopes?: readonly string[];
  bucket?: BucketOptions;
  /** Job reads before an orderCancel is applied (0: at once). Default 1. */
  cancelJobReads?: number;
  /** Milliseconds since the epoch; the clock stays there until moved (tests). Default: real time. */
  now?: number;
  /** POST a signed webhook here after each change (secret default: the client secret). */
  webhook?: { url: string; secret?: string };
}

export interface ShopifySandbox {
  url: string;
  port: number;
  accessToken: string | null;
  clientId: string;
  clientSecret: string;
  store: SandboxShopifyStore;
  clock: SettableClock;
  bucket: SandboxCostBucket;
  faults: ShopifySandboxFaults;
  /** Every executed mutation, in order. */
  mutations: SandboxMutation[];
  /** Every GraphQL request received (operation name, root field, HTTP status; its requested cost once computed). */
  requests: Array<{ operation: string | null; field: string | null; status: number; throttled: boolean; cost?: number }>;
  tokenRequests: number;
  webhooks: SandboxWebhooks;
  /** The app's webhook subscriptions (`webhookSubscriptionCreate`); changes are delivered to them, signed with the client secret. */
  subscriptions: SandboxSubscriptions;
  /** Forgets every client-credentials token (the next use answers 401). */
  revokeTokens(): void;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown } | 'drop';

export async function startShopifySandbox(options: ShopifySandboxOptions = {}): Promise<ShopifySandbox> {
  const schema = loadAdminSchema();
  const clock = new SettableClock(options.now ?? null);
  const store = new SandboxShopifyStore(clock);
  seedShopifyStore(store, options.orders ?? 40);
  const bucket = new SandboxCostBucket(clock, options.bucket ?? { maximum: 1000, restoreRate: 50 });
  const faults = new ShopifySandboxFaults();
  const mutations: SandboxMutation[] = [];
  const requests: ShopifySandbox['requests'] = [];
  const staticToken = options.accessToken === undefined ? DEFAULT_SHOPIFY_SANDBOX_TOKEN : options.accessToken;
  const clientId = options.clientId ?? DEFAULT_SHOPIFY_SANDBOX_CLIENT.clientId;
  const clientSecret = options.clientSecret ?? DEFAULT_SHOPIFY_SANDBOX_CLIENT.clientSecret;
  const issued = new Map<string, number>();
  const jobs: ResolverContext['jobs'] = new Map();
  const scopes = new Set(options.scopes ?? ALL_SANDBOX_SCOPES);
  let tokenRequests = 0;
  const webhookTarget: WebhookTarget | null = options.webhook ? { url: options.webhook.url, secret: options.webhook.secret ?? clientSecret } : null;
  const subscriptions = new SandboxSubscriptions(clock);
  const webhooks = new SandboxWebhooks(store, webhookTarget, 'bottega-italiana.myshopify.com', { subscriptions, secret: clientSecret });

  function tokenValid(token: string | undefined): boolean {
    if (token === undefined) return false;
    if (staticToken !== null && token === staticToken) return true;
    const expires = issued.get(token);
    return expires !== undefined && clock.now() < expires;
  }

  function issueToken(body: string, contentType: string | undefined): Reply {
    tokenRequests += 1;
    const fields: Record<string, unknown> = contentType?.includes('json') === true ? (JSON.parse(body || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(body));
    if (fields.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (fields.client_id !== clientId || fields.client_secret !== clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    const ttl = options.tokenTtlSeconds ?? 86_399;
    issued.set(token, clock.now() + ttl * 1000);
    return { status: 200, body: { access_token: token, scope: [...scopes].join(','), expires_in: ttl } };
  }

  function graphql(body: string, token: string | undefined): Reply {
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      return { status: 400, body: { errors: [{ message: 'Invalid JSON in request body' }] } };
    }
    let document: DocumentNode;
    try {
      document = parse(String(payload.query ?? ''));
    } catch (error) {
      return { status: 200, body: { errors: [{ message: (error as GraphQLError).message, extensions: { code: 'BAD_REQUEST' } }] } };
    }
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : null;
    const operation = getOperationAST(document, operationName);
    const firstField = operation?.selectionSet.selections.find((s) => s.kind === 'Field');
    const field = firstField?.kind === 'Field' ? firstField.name.value : null;
    const log: ShopifySandbox['requests'][number] = { operation: operation?.name?.value ?? null, field, status: 200, throttled: false };
    requests.push(log);
    const reply = (status: number, replyBody: unknown): Reply => {
      log.status = status;
      return { status, body: replyBody };
    };
    const fault = faults.take(field);
    if (fault === 'drop') return 'drop';
    if (fault === 'http500' || fault === 'http503') return reply(fault === 'http500' ? 500 : 503, { errors: 'Internal Server Error' });
    if (fault === 'unauthorized' || !tokenValid(token)) return reply(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    const validation = validate(schema, document);
    if (validation.length > 0 || operation === null || operation === undefined) {
      return reply(200, { errors: validation.length > 0 ? validation.map((e) => e.toJSON()) : [{ message: 'No operation to run' }] });
    }
    const variables = payload.variables !== null && typeof payload.variables === 'object' ? payload.variables as Record<string, unknown> : {};
    const cost = requestedCost(document, operation, variables);
    log.cost = cost;
    if (cost > MAX_QUERY_COST) {
      return reply(200, { errors: [{ message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_QUERY_COST } }] });
    }
    if (fault === 'throttled') bucket.drain();
    if (!bucket.take(cost)) {
      log.throttled = true;
      return reply(200, { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } } });
    }
    const ctx: ResolverContext = { store, scopes, mutations, jobs, cancelJobReads: options.cancelJobReads ?? 1, variables, onChange: (topic, order) => webhooks.emit(topic, order) };
    const root = operation.operation === 'mutation' ? { ...mutationRoot(ctx), ...subscriptions.mutations() } : { ...queryRoot(ctx), ...subscriptions.queries() };
    const result = execute({ schema, document, rootValue: root, contextValue: ctx, variableValues: variables, ...(operationName ? { operationName } : {}) });
    if (result instanceof Promise) throw new Error('the sandbox resolvers are synchronous');
    if (fault === 'applyThenDrop') return 'drop';
    if (fault === 'applyThen500') return reply(500, { errors: 'Internal Server Error' });
    const answer: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors) answer.errors = result.errors.map((e) => e.toJSON());
    answer.extensions = { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: bucket.status() } };
    return reply(200, answer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    let answer: Reply;
    if (req.method === 'POST' && path === '/admin/oauth/access_token') answer = issueToken(body, req.headers['content-type']);
    else if (req.method === 'POST' && /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.test(path)) {
      const token = req.headers['x-shopify-access-token'];
      answer = graphql(body, Array.isArray(token) ? token[0] : token);
    } else answer = { status: 404, body: { errors: 'Not Found' } };
    if (answer === 'drop') return void req.socket.destroy();
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'x-shopify-api-version': path.split('/')[3] ?? '' });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  const address = await listenSandbox(server, options);
  const { url } = address;
  return {
    url, port: address.port, accessToken: staticToken, clientId, clientSecret, store, clock, bucket, faults, mutations, requests, webhooks, subscriptions,
    get tokenRequests() {
      return tokenRequests;
    },
    revokeTokens: () => issued.clear(),
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
