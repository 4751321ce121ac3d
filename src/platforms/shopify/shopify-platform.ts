import type { Dispatcher } from 'undici';
import type {
  CatalogueState, ErrorClass, NeutralOrder, OrdersPage, OrdersPageRequest, PlatformCapabilities, PlatformPort, PlatformStoreConnection, PushOptions, PushOrder,
  PushPreview, PushResult, PushState, PushTarget, StoreCheckReport, TargetStatus,
} from '../platform-port.js';
import { clientCredentialsToken, staticAccessToken, type AccessTokenSource } from './access-token.js';
import { FULFILLMENT_CREATE_MUTATION, JOB_QUERY, ORDER_CANCEL_MUTATION, ORDER_STATE_QUERY, type ShopifyDocument } from './graphql/index.js';
import { GraphqlTransport } from './graphql-transport.js';
import { pushStateOf, readOrderState } from './order-state-read.js';
import { isShopifyStateCode, orderGid, SHOPIFY_CATALOGUE, type ShopifyStateCode } from './shopify-catalogue.js';
import { checkShop } from './shopify-check.js';
import type { ShopifyClock } from './shopify-clock.js';
import { classifyShopifyError, ShopifyPlatformError } from './shopify-errors.js';
import { ShopifyOrdersReader } from './shopify-orders.js';
import { ShopifyWebhooks } from './shopify-webhooks.js';
import { cancelVariables, fulfillmentVariables, pushCode, SIMPLE_MUTATIONS, type PushContext } from './shopify-push.js';
import { shopifySettings, shopOrigin, type ShopifySettings } from './shopify-settings.js';

export interface ShopifyPlatformDeps {
  /** The application's shared connection pool (see createHttpAgent). */
  dispatcher: Dispatcher;
  /** Per request, connection to last byte. */
  totalTimeoutMs: number;
  clock: ShopifyClock;
  /** The longest wait for the cost bucket done inside a call (default 2 s); longer ones come back as `throttled`. */
  maxThrottleWaitMs?: number;
  /** orderCancel job reads before reading the order (default 5) and the pause between them (default 500 ms). */
  cancelJobPolls?: number;
  cancelJobPollMs?: number;
  /** Told about each GraphQL request sent. */
  onRequest?(document: ShopifyDocument): void;
}

const CAPABILITIES: PlatformCapabilities = { stateCatalogue: 'fixed', emailPerPush: true, webhooks: true };

/** The Shopify Admin GraphQL client of one store, behind the platform port. */
export class ShopifyPlatform implements PlatformPort {
  readonly kind = 'shopify' as const;
  readonly capabilities = CAPABILITIES;
  readonly endpoint: string;
  readonly webhooks: ShopifyWebhooks;
  private readonly settings: ShopifySettings;
  private readonly transport: GraphqlTransport;
  private readonly orders: ShopifyOrdersReader;
  private readonly pushContext: PushContext;
  private readonly label: string;

  constructor(connection: PlatformStoreConnection, deps: ShopifyPlatformDeps) {
    this.label = `store ${connection.storeName} (#${connection.storeId})`;
    this.settings = shopifySettings(connection);
    const origin = shopOrigin(connection);
    this.endpoint = `${origin}/admin/api/${this.settings.apiVersion}/graphql.json`;
    const tokens: AccessTokenSource = this.settings.authMode === 'client-credentials'
      ? clientCredentialsToken({ origin, clientId: this.settings.clientId!, clientSecret: connection.apiSecret!, dispatcher: deps.dispatcher, clock: deps.clock, totalTimeoutMs: deps.totalTimeoutMs, label: this.label })
      : staticAccessToken(connection.apiKey!);
    this.transport = new GraphqlTransport({
      endpoint: this.endpoint,
      label: this.label,
      storeId: connection.storeId,
      tokens,
      dispatcher: deps.dispatcher,
      clock: deps.clock,
      totalTimeoutMs: deps.totalTimeoutMs,
      maxThrottleWaitMs: deps.maxThrottleWaitMs ?? 2000,
      ...(deps.onRequest ? { onRequest: deps.onRequest } : {}),
    });
    this.orders = new ShopifyOrdersReader(this.transport, this.label);
    this.webhooks = new ShopifyWebhooks(this.transport, this.label);
    this.pushContext = {
      transport: this.transport,
      settings: this.settings,
      clock: deps.clock,
      label: this.label,
      cancelJobPolls: deps.cancelJobPolls ?? 5,
      cancelJobPollMs: deps.cancelJobPollMs ?? 500,
    };
  }

  pullStateCatalogue(): Promise<CatalogueState[]> {
    return Promise.resolve(SHOPIFY_CATALOGUE.map((state) => ({ ...state })));
  }

  pullOrdersPage(request: OrdersPageRequest): Promise<OrdersPage> {
    return this.orders.page(request);
  }

  readOrder(idOrigin: number, options: { signal?: AbortSignal } = {}): Promise<NeutralOrder | null> {
    return this.orders.one(idOrigin, options.signal);
  }

  async push(order: PushOrder, target: PushTarget, options: PushOptions): Promise<PushResult> {
    return pushCode(this.pushContext, order, this.code(target), options);
  }

  async readPushState(order: PushOrder, target: PushTarget, options: { signal?: AbortSignal } = {}): Promise<PushState> {
    const code = this.code(target);
    return pushStateOf(code, await readOrderState(this.transport, order.idOrigin, options.signal));
  }

  readTargetStatus(target: PushTarget): Promise<TargetStatus> {
    return Promise.resolve(isShopifyStateCode(target.code) ? 'active' : 'missing');
  }

  describePush(order: PushOrder, target: PushTarget, options: Omit<PushOptions, 'signal'>): PushPreview {
    const code = this.code(target);
    const request = (document: ShopifyDocument, variables: Record<string, unknown>) => ({
      method: 'POST', url: this.endpoint, body: JSON.stringify({ query: document.text, variables }),
    });
    const gid = orderGid(order.idOrigin);
    const notes: string[] = [];
    let requests: PushPreview['requests'];
    let summary: string;
    switch (code) {
      case 'fulfilled':
        requests = [request(ORDER_STATE_QUERY, { id: gid }), request(FULFILLMENT_CREATE_MUTATION, fulfillmentVariables('<each OPEN or IN_PROGRESS fulfillment order of the order>', order, options.sendEmail))];
        summary = `fulfillmentCreate on the open fulfillment orders of ${order.reference} (${gid})${order.tracking ? `, tracking ${order.tracking.number}` : ''}`;
        notes.push('The order is read first; one fulfillmentCreate per open fulfillment order.');
        break;
      case 'cancelled':
        requests = [request(ORDER_CANCEL_MUTATION, cancelVariables(order, this.settings, options.sendEmail)), request(JOB_QUERY, { id: '<the job orderCancel returns>' }), request(ORDER_STATE_QUERY, { id: gid })];
        summary = `orderCancel ${order.reference} (${gid}), reason OTHER, refund ${this.settings.cancelRefund ? 'yes' : 'no'}, restock ${this.settings.cancelRestock ? 'yes' : 'no'}`;
        notes.push('Irreversible on Shopify. Asynchronous: the job is followed, then the order is read.');
        break;
      default: {
        const { document, field } = SIMPLE_MUTATIONS[code];
        requests = [request(document, { input: { id: gid } })];
        summary = `${field} ${order.reference} (${gid})`;
      }
    }
    return { requests, summary, customerEmail: code === 'fulfilled' || code === 'cancelled' ? options.sendEmail : false, notes };
  }

  classify(error: unknown): ErrorClass {
    return classifyShopifyError(error);
  }

  check(options: { signal?: AbortSignal } = {}): Promise<StoreCheckReport> {
    return checkShop(this.transport, options.signal);
  }

  private code(target: PushTarget): ShopifyStateCode {
    if (!isShopifyStateCode(target.code)) {
      throw new ShopifyPlatformError('SHOPIFY_STATE_UNKNOWN', `${this.label}: "${target.code}" is not a Shopify state code (open, paid, fulfilled, cancelled, closed)`, {
        kind: 'bad-target', message: `unknown code ${target.code}`,
      }, { hint: 'Run `ecom-sync states pull --store ID` to write the Shopify codes, then fix the trigger.' });
    }
    return target.code;
  }
}

/** The factory the core calls for a Shopify store. Throws ValidationError for settings that cannot work. */
export function createShopifyPlatform(connection: PlatformStoreConnection, deps: ShopifyPlatformDeps): ShopifyPlatform {
  return new ShopifyPlatform(connection, deps);
}
