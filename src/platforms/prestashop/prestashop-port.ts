import { PlatformError } from '../../errors.js';
import type { Platform } from '../platform.js';
import type {
  CatalogueReadInfo,
  CatalogueState,
  ErrorClass,
  NeutralOrder,
  OrdersPage,
  OrdersPageRequest,
  PlatformCapabilities,
  PlatformPort,
  PushOptions,
  PushOrder,
  PushPreview,
  PushResult,
  PushState,
  PushTarget,
  StoreCheckReport,
  TargetStatus,
} from '../platform-port.js';
import type { PortMemory } from '../port-memory.js';
import { buildOrderHistoryXml } from './order-history-xml.js';
import { pullPrestaShopOrdersPage, readPrestaShopOrder, type OrdersReadDeps } from './prestashop-orders.js';
import { shopLanguage, shopTimeZone, type ShopMemoryDeps } from './shop-memory.js';
import { httpStatusLine } from './prestashop-errors.js';
import { webservicePath, webserviceUrl, type WebserviceLocation } from './webservice-url.js';

export interface PrestaShopPortOptions {
  /** Where the shop serves its webservice (URL form, multistore context): enough for a preview, no key needed. */
  location: WebserviceLocation;
  /**
   * The store's webservice client, built on first use: a dry run needs no key, and a key that is
   * not set fails the first call that needs one (as a delivery's error), not the preview.
   */
  client(): Promise<Platform>;
  storeId: number;
  storeName: string;
  /** The store's `id_lang`: state names in that language; null: the shop's default (PS_LANG_DEFAULT, remembered a day). */
  languageId: number | null;
  /** The store's `--timezone`; null: the shop's PS_TIMEZONE (remembered a day), else UTC. */
  timeZone: string | null;
  /** Where the shop's default language and zone are remembered, shared by every process. */
  memory: PortMemory;
  now(): number;
}

const CAPABILITIES: PlatformCapabilities = { stateCatalogue: 'pulled', emailPerPush: true, webhooks: false, orderDates: 'shop-zone' };

/** PrestaShop's error codes in an answer (`<code>46</code>`), when it sent any. */
function errorCodes(error: PlatformError): number[] {
  const entries = error.details?.errors;
  if (!Array.isArray(entries)) return [];
  return entries.map((e) => Number((e as { code?: unknown }).code)).filter((c) => Number.isInteger(c));
}

function statusLine(error: PlatformError): string {
  const line = error.details?.statusLine;
  if (typeof line === 'string') return line;
  return error.status === undefined ? error.message : httpStatusLine(error.status);
}

function signalOf(options?: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return options?.signal === undefined ? {} : { signal: options.signal };
}

/**
 * What a PrestaShop error means for a delivery. The client already sets `retryable` and
 * `outcomeUnknown` (a POST that got a 5xx, no answer or an answer without proof); this adds what
 * only PrestaShop's answers tell: error 46 after the history row was written (saved, the customer
 * e-mail probably not sent) and a PHP error printed into a 200 (the write broke: failed for good
 * once a read shows the state not applied, quoting the error's first line).
 */
export function classifyPrestaShopError(error: unknown): ErrorClass {
  if (!(error instanceof PlatformError)) {
    // A key that is not set (ConfigError) or an invalid base URL: nothing was sent.
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
  if (error.code === 'PLATFORM_UNAUTHORIZED') return { kind: 'credentials', message: error.message };
  if (error.outcomeUnknown) {
    const verdict: ErrorClass = { kind: 'outcome-unknown' };
    if (errorCodes(error).includes(46)) {
      verdict.emailWarning = `the shop saved the state but answered ${statusLine(error)} (PrestaShop error 46): the customer e-mail was probably not sent`;
    }
    const phpError = error.details?.phpError;
    if (typeof phpError === 'string') verdict.failIfNotApplied = `the shop answered with a PHP error: ${phpError}`;
    return verdict;
  }
  if (error.retryable) {
    if (error.status === 429 && error.retryAfterMs !== undefined) return { kind: 'throttled', retryAfterMs: error.retryAfterMs };
    return { kind: 'retryable', ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) };
  }
  // A missing permission, a rejected request, a web page where the webservice should be: the
  // message names what to fix; repeating would not help.
  return { kind: 'refused', message: error.message };
}

/**
 * The PlatformPort of one PrestaShop store, over its webservice client: a push is one POST of
 * `order_histories` (sendemail=1 only when asked), the read-before-repeat one GET of the order's
 * current_state, the target check one GET of `order_states/{id}`. The spec's `id_platform_state`
 * is PrestaShop's own state id (the catalogue code is the same number as text). Orders come in
 * keyset pages with the shop's dates given with its offset (`orderDates: 'shop-zone'`).
 */
export class PrestaShopPort implements PlatformPort {
  readonly kind = 'prestashop' as const;
  readonly capabilities = CAPABILITIES;

  /** Shop country id -> ISO code and name: countries do not move, each is asked once per port. */
  private readonly countries: OrdersReadDeps['countries'] = new Map();
  private readonly memoryDeps: ShopMemoryDeps;

  constructor(private readonly options: PrestaShopPortOptions) {
    this.memoryDeps = { storeId: options.storeId, memory: options.memory, now: options.now };
  }

  async pullStateCatalogue(options?: { signal?: AbortSignal; info?: CatalogueReadInfo }): Promise<CatalogueState[]> {
    const client = await this.options.client();
    const language = await shopLanguage(this.memoryDeps, this.options.languageId, client, options?.signal);
    const states = await client.pullStates({ languageId: language.languageId, ...signalOf(options) });
    if (options?.info) {
      options.info.requests = language.requests + 1;
      options.info.languageId = language.languageId;
    }
    return states.map((state) => ({
      code: String(state.id), platformId: state.id, name: state.name, deleted: state.deleted, sendsEmail: state.sendEmail, final: false,
      ...(state.color === undefined ? {} : { color: state.color }),
      ...(state.shipped === undefined ? {} : { shipped: state.shipped }),
      ...(state.paid === undefined ? {} : { paid: state.paid }),
    }));
  }

  /** Keyset pages by (date_upd, id), customers, addresses and countries in batches: prestashop-orders.ts. */
  async pullOrdersPage(request: OrdersPageRequest): Promise<OrdersPage> {
    return pullPrestaShopOrdersPage(await this.ordersDeps(), request);
  }

  async readOrder(idOrigin: number, options?: { signal?: AbortSignal }): Promise<NeutralOrder | null> {
    return readPrestaShopOrder(await this.ordersDeps(), idOrigin, options?.signal);
  }

  private async ordersDeps(): Promise<OrdersReadDeps> {
    const client = await this.options.client();
    return {
      client,
      timeZone: (signal) => shopTimeZone(this.memoryDeps, this.options.timeZone, client, signal),
      countries: this.countries,
      label: `store ${this.options.storeName} (#${this.options.storeId})`,
    };
  }

  async push(order: PushOrder, target: PushTarget, options: PushOptions): Promise<PushResult> {
    const client = await this.options.client();
    // The client proves the change: the created history must name this order and this state.
    await client.pushState(order.idOrigin, target.idPlatformState, { sendEmail: options.sendEmail, ...signalOf(options) });
    return { evidence: 'answer', alreadyThere: false, warnings: [] };
  }

  async readPushState(order: PushOrder, target: PushTarget, options?: { signal?: AbortSignal }): Promise<PushState> {
    const client = await this.options.client();
    const current = await client.readOrderState(order.idOrigin, signalOf(options));
    if (current === null) return { kind: 'order-missing' };
    return current === target.idPlatformState ? { kind: 'applied' } : { kind: 'not-applied', currentCode: String(current) };
  }

  async readTargetStatus(target: PushTarget, options?: { signal?: AbortSignal }): Promise<TargetStatus> {
    const client = await this.options.client();
    const status = await client.readStateStatus(target.idPlatformState, signalOf(options));
    return status === 'ok' ? 'active' : status;
  }

  describePush(order: PushOrder, target: PushTarget, options: Omit<PushOptions, 'signal'>): PushPreview {
    // The exact URL the client posts to (dispatcher.php form and multistore context included), never the key.
    const url = webserviceUrl(this.options.location, 'order_histories', options.sendEmail ? [['sendemail', '1']] : []);
    const body = buildOrderHistoryXml(order.idOrigin, target.idPlatformState);
    return {
      requests: [{ method: 'POST', url, body }],
      summary: `POST ${webservicePath(this.options.location, 'order_histories')} (order ${order.idOrigin} → state ${target.idPlatformState} "${target.name}")`,
      customerEmail: options.sendEmail,
      notes: [],
    };
  }

  classify(error: unknown): ErrorClass {
    return classifyPrestaShopError(error);
  }

  async check(options?: { signal?: AbortSignal }): Promise<StoreCheckReport> {
    const client = await this.options.client();
    const report = await client.checkAccess(signalOf(options));
    return {
      shop: null,
      items: report.permissions.map((p) => ({
        name: `${p.method} ${p.resource}`, ok: p.ok !== false, detail: p.ok === null ? `could not be told (${p.checkedWith}): ${p.why}` : p.why,
      })),
    };
  }
}

export function createPrestaShopPort(options: PrestaShopPortOptions): PrestaShopPort {
  return new PrestaShopPort(options);
}
