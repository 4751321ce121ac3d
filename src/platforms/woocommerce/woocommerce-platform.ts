import type { Dispatcher } from 'undici';
import { ConfigError, PlatformError } from '../../errors.js';
import type {
  CatalogueState,
  ErrorClass,
  NeutralOrder,
  OrdersPage,
  OrdersPageRequest,
  PlatformCapabilities,
  PlatformPort,
  PlatformStoreConnection,
  PushOptions,
  PushOrder,
  PushPreview,
  PushResult,
  PushState,
  PushTarget,
  StoreCheckItem,
  StoreCheckReport,
  TargetStatus,
} from '../platform-port.js';
import { retryPlatformCall, SPEC_RETRY_POLICY, type RetryPolicy } from '../retry.js';
import { badResponse, classifyWooError } from './woo-errors.js';
import { hasNextPage } from './woo-pages.js';
import { WooWebhooks } from './woo-webhooks.js';
import { advanceCursor, decodeCursor, encodeCursor, firstCursor } from './woo-orders-cursor.js';
import { orderFromWoo } from './woo-order-mapper.js';
import { WooTransport, type WooAuthMode, type WooResponse } from './woo-request.js';
import { catalogueFromTotals, CORE_STATUSES, CUSTOMER_EMAIL_STATUSES, MalformedWooRecordError } from './woo-statuses.js';
import type { RestRouteMode } from './woo-url.js';
import type { OAuthSignatureMethod } from './oauth1-signature.js';

export interface WooCommerceDeps {
  /** The application's shared connection pool (see createHttpAgent). */
  dispatcher: Dispatcher;
  /** Per request, connection to last byte. */
  totalTimeoutMs: number;
  /** Repeats of GETs on retryable failures. Default: the spec's policy. A PUT is never repeated here. */
  readRetry?: RetryPolicy;
  /** Injected so tests run retries without waiting. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  onReadRetry?(error: PlatformError, attempt: number, delayMs: number): void;
}

/** `stores.settings` of a WooCommerce store. */
export interface WooCommerceSettings {
  auth: WooAuthMode;
  restRoute: RestRouteMode | 'auto';
  oauthSignatureMethod: OAuthSignatureMethod;
}

const ORDERS = '/wc/v3/orders';
const TOTALS = '/wc/v3/reports/orders/totals';
const MAX_PER_PAGE = 100;

function settingsProblem(connection: PlatformStoreConnection, message: string): ConfigError {
  return new ConfigError(`store ${connection.storeName} (#${connection.storeId}): ${message}`, {
    hint: `Fix it with: ecom-sync stores update ${connection.storeId} --auth basic|query|oauth (see src/platforms/woocommerce/README.md).`,
  });
}

/**
 * The store's settings with their defaults: HTTP Basic over HTTPS, OAuth 1.0a over plain HTTP
 * (WooCommerce accepts nothing else there), the REST route detected from the first answer.
 */
export function wooSettings(connection: PlatformStoreConnection): WooCommerceSettings {
  const s = connection.settings;
  const https = connection.baseUrl.toLowerCase().startsWith('https:');
  const auth = s.auth ?? (https ? 'basic' : 'oauth');
  if (auth !== 'basic' && auth !== 'query' && auth !== 'oauth') throw settingsProblem(connection, `settings.auth must be basic, query or oauth (got ${JSON.stringify(auth)})`);
  const restRoute = s.rest_route ?? 'auto';
  if (restRoute !== 'auto' && restRoute !== 'pretty' && restRoute !== 'plain') throw settingsProblem(connection, `settings.rest_route must be auto, pretty or plain (got ${JSON.stringify(restRoute)})`);
  const method = s.oauth_signature_method ?? 'HMAC-SHA256';
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') throw settingsProblem(connection, `settings.oauth_signature_method must be HMAC-SHA1 or HMAC-SHA256 (got ${JSON.stringify(method)})`);
  return { auth, restRoute, oauthSignatureMethod: method };
}

export { hasNextPage };

/** The WooCommerce REST API v3 client of one store. */
export class WooCommercePlatform implements PlatformPort {
  readonly kind = 'woocommerce' as const;
  readonly capabilities: PlatformCapabilities = { stateCatalogue: 'pulled', emailPerPush: false, webhooks: true };
  readonly webhooks: WooWebhooks;
  private readonly transport: WooTransport;
  private readonly readRetry: RetryPolicy;

  constructor(private readonly connection: PlatformStoreConnection, private readonly deps: WooCommerceDeps) {
    if (!connection.apiKey || !connection.apiSecret) {
      throw new ConfigError(`store ${connection.storeName} (#${connection.storeId}) needs a WooCommerce consumer key and secret`, {
        hint: `Run: ecom-sync stores update ${connection.storeId} --api-key-env CK_VAR --api-secret-env CS_VAR`,
      });
    }
    const settings = wooSettings(connection);
    this.transport = new WooTransport({
      baseUrl: connection.baseUrl,
      consumerKey: connection.apiKey,
      consumerSecret: connection.apiSecret,
      auth: settings.auth,
      restRoute: settings.restRoute,
      oauthSignatureMethod: settings.oauthSignatureMethod,
      storeId: connection.storeId,
      storeName: connection.storeName,
      dispatcher: deps.dispatcher,
      totalTimeoutMs: deps.totalTimeoutMs,
    });
    this.readRetry = deps.readRetry ?? SPEC_RETRY_POLICY;
    this.webhooks = new WooWebhooks(this.transport);
  }

  /** GETs only: repeated on retryable failures with the configured backoff (Retry-After honoured). */
  private read(route: string, query: Array<[string, string]>, signal?: AbortSignal, orderId?: number): Promise<WooResponse> {
    return retryPlatformCall(
      () => this.transport.send({ method: 'GET', route, query, ...(signal === undefined ? {} : { signal }), ...(orderId === undefined ? {} : { orderId }) }),
      this.readRetry,
      {
        ...(signal === undefined ? {} : { signal }),
        ...(this.deps.sleep === undefined ? {} : { sleep: this.deps.sleep }),
        ...(this.deps.onReadRetry === undefined ? {} : { onRetry: this.deps.onReadRetry }),
      },
    );
  }

  private malformed(response: WooResponse, error: unknown): never {
    if (error instanceof MalformedWooRecordError) throw badResponse(response.ctx, error.message);
    throw error;
  }

  async pullStateCatalogue(options: { signal?: AbortSignal } = {}): Promise<CatalogueState[]> {
    const response = await this.read(TOTALS, [], options.signal);
    try {
      return catalogueFromTotals(response.json);
    } catch (error) {
      return this.malformed(response, error);
    }
  }

  async pullOrdersPage(request: OrdersPageRequest): Promise<OrdersPage> {
    const cursor = request.cursor === null ? firstCursor(request.since) : decodeCursor(request.cursor);
    if (cursor === null) throw new PlatformError('PLATFORM_BAD_CURSOR', `store ${this.connection.storeName} (#${this.connection.storeId}): the orders page token is not one this client issued`, { hint: 'Start the pull again from its watermark.' });
    const perPage = Math.max(1, Math.min(MAX_PER_PAGE, request.limit));
    const query: Array<[string, string]> = [
      ['per_page', String(perPage)],
      ['page', String(cursor.page)],
      ['orderby', 'modified'],
      ['order', 'asc'],
      ['dates_are_gmt', 'true'],
    ];
    if (cursor.after !== null) query.push(['modified_after', cursor.after]);
    if (cursor.seen.length > 0) query.push(['exclude', cursor.seen.join(',')]);
    const response = await this.read(ORDERS, query, request.signal);
    if (!Array.isArray(response.json)) throw badResponse(response.ctx, 'an orders list that is not a JSON array');
    let raw;
    try {
      raw = response.json.map(orderFromWoo);
    } catch (error) {
      return this.malformed(response, error);
    }
    const { orders, next } = advanceCursor(cursor, raw, hasNextPage(response.headers, cursor.page));
    const since = request.since;
    // Inclusive of the watermark, as the port asks: nothing before it.
    const kept = since === null ? orders : orders.filter((o) => o.updatedAt >= new Date(Math.floor(Date.parse(since.updatedAt) / 1000) * 1000).toISOString());
    return { orders: kept, nextCursor: next === null ? null : encodeCursor(next), requests: 1, warnings: [] };
  }

  async readOrder(idOrigin: number, options: { signal?: AbortSignal } = {}): Promise<NeutralOrder | null> {
    let response: WooResponse;
    try {
      response = await this.read(`${ORDERS}/${idOrigin}`, [], options.signal, idOrigin);
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'PLATFORM_ORDER_NOT_FOUND') return null;
      throw error;
    }
    try {
      return orderFromWoo(response.json);
    } catch (error) {
      return this.malformed(response, error);
    }
  }

  async push(order: PushOrder, target: PushTarget, options: PushOptions): Promise<PushResult> {
    const response = await this.transport.send({
      method: 'PUT',
      route: `${ORDERS}/${order.idOrigin}`,
      body: { status: target.code },
      orderId: order.idOrigin,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const json = response.json as Record<string, unknown> | null;
    const id = typeof json === 'object' && json !== null ? Number(json.id) : NaN;
    const status = typeof json === 'object' && json !== null ? json.status : undefined;
    if (id !== order.idOrigin || typeof status !== 'string') {
      // No proof either way: the core reads the order before anything else.
      throw badResponse(response.ctx, `a document that does not name order ${order.idOrigin} and its status`);
    }
    if (status !== target.code) {
      // WooCommerce saved the order but a plugin (or a hook) put it elsewhere: repeating cannot help.
      throw new PlatformError('PLATFORM_STATUS_OVERRIDDEN', `store ${this.connection.storeName} (#${this.connection.storeId}): order ${order.idOrigin} is "${status}" after the push to "${target.code}"`, {
        status: response.status,
        details: { errorClass: { kind: 'refused', message: `the shop kept or set status ${status} instead of ${target.code}` } satisfies ErrorClass },
        hint: 'A plugin on the shop changes order statuses; check the order notes in WooCommerce.',
      });
    }
    return { evidence: 'answer', alreadyThere: false, warnings: [] };
  }

  async readPushState(order: PushOrder, target: PushTarget, options: { signal?: AbortSignal } = {}): Promise<PushState> {
    let response: WooResponse;
    try {
      response = await this.read(`${ORDERS}/${order.idOrigin}`, [['_fields', 'id,status']], options.signal, order.idOrigin);
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'PLATFORM_ORDER_NOT_FOUND') return { kind: 'order-missing' };
      throw error;
    }
    const json = response.json as Record<string, unknown> | null;
    const status = typeof json === 'object' && json !== null && typeof json.status === 'string' ? json.status : null;
    if (status === null) throw badResponse(response.ctx, `order ${order.idOrigin} without a status`);
    return status === target.code ? { kind: 'applied' } : { kind: 'not-applied', currentCode: status };
  }

  async readTargetStatus(target: PushTarget, options: { signal?: AbortSignal } = {}): Promise<TargetStatus> {
    const catalogue = await this.pullStateCatalogue(options);
    return catalogue.some((state) => state.code === target.code) ? 'active' : 'missing';
  }

  /** `options.sendEmail` changes nothing: WooCommerce alone decides its e-mails (customerEmail 'platform'). */
  describePush(order: PushOrder, target: PushTarget, _options?: Omit<PushOptions, 'signal'>): PushPreview {
    const route = `${ORDERS}/${order.idOrigin}`;
    const notes: string[] = [];
    let customerEmail: PushPreview['customerEmail'] = false;
    if (CUSTOMER_EMAIL_STATUSES.has(target.code)) {
      customerEmail = 'platform';
      notes.push(`WooCommerce e-mails the customer itself when an order enters "${target.code}"; the REST API cannot turn that off.`);
    } else if (!CORE_STATUSES.has(target.code)) {
      customerEmail = 'platform';
      notes.push(`"${target.code}" is a custom status: the plugin that registers it may e-mail the customer.`);
    }
    notes.push('The same status again changes nothing on the shop (no note, no e-mail).');
    return {
      requests: [{ method: 'PUT', url: this.transport.previewUrl(route), body: JSON.stringify({ status: target.code }) }],
      summary: `PUT ${this.transport.displayPath(route)} (order ${order.idOrigin} → status ${target.code} "${target.name}")`,
      customerEmail,
      notes,
    };
  }

  classify(error: unknown): ErrorClass {
    return classifyWooError(error);
  }

  /**
   * One request, a write probe `PUT orders/0 {}`. WooCommerce shows a key's permissions nowhere in
   * the REST API (system_status needs only Read), but it checks them before routing: a wrong key
   * gets 401 (credentials), a read-only key 401 "does not have write permissions", a Read/Write
   * key reaches the route and gets 400 "Invalid ID" because order 0 never exists — nothing can
   * change. The answer also tells the REST routes in use (pretty or `?rest_route=`).
   */
  async check(options: { signal?: AbortSignal } = {}): Promise<StoreCheckReport> {
    const routes = () => (this.transport.routeMode === 'plain' ? '?rest_route=' : '/wp-json');
    try {
      await this.transport.send({ method: 'PUT', route: `${ORDERS}/0`, body: {}, orderId: 0, ...(options.signal === undefined ? {} : { signal: options.signal }) });
      return { shop: null, items: [{ name: 'write permission', ok: false, detail: 'PUT orders/0 was accepted, which a WooCommerce shop never does: is this WooCommerce?' }] };
    } catch (error) {
      const cls = this.classify(error);
      const key: StoreCheckItem = { name: 'key', ok: true, detail: `the shop accepts the key (${routes()} routes)` };
      if (cls.kind === 'bad-target') return { shop: null, items: [key, { name: 'write permission', ok: true, detail: 'Read/Write: the probe PUT orders/0 reached the shop and changed nothing' }] };
      if (cls.kind === 'permission') return { shop: null, items: [key, { name: 'write permission', ok: false, detail: 'the key is read-only: give it Read/Write in WooCommerce > Settings > Advanced > REST API' }] };
      throw error;
    }
  }
}

export function createWooCommercePlatform(connection: PlatformStoreConnection, deps: WooCommerceDeps): WooCommercePlatform {
  return new WooCommercePlatform(connection, deps);
}
