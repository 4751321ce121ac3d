/**
 * The port every e-commerce platform implements: everything platform-specific stays behind it, so
 * that the core (orders, triggers, sync, pull, daemon) works the same for PrestaShop, Shopify and
 * WooCommerce. Types only: implementations live in `platforms/<name>/`.
 *
 * Vocabulary: a platform state has the spec's integer `id_platform_state` and the platform's own
 * `code` (PrestaShop: its state id as text; WooCommerce: the status slug; Shopify: the action
 * `open`, `paid`, `fulfilled`, `cancelled`, `closed`). Orders are identified by `id_origin`, the
 * platform's numeric order id (Shopify: the order's legacyResourceId).
 *
 * Errors: methods throw PlatformError (src/errors.ts); `classify()` tells the core what an error
 * means for a delivery. A client never repeats a write on its own.
 */

import type { WebhookSubscriptionPort } from './webhook-subscription-port.js';

export type PlatformKind = 'prestashop' | 'shopify' | 'woocommerce';

/** One state of the platform's catalogue. */
export interface CatalogueState {
  /** The platform's own key (see the vocabulary above). Unique per store. */
  code: string;
  /**
   * The platform's numeric id where it has one (PrestaShop). Null where ecom-sync assigns the
   * spec's `id_platform_state` itself (a stable number per store and code, never reused).
   */
  platformId: number | null;
  /** In the store's language where the platform has one. */
  name: string;
  /** Deleted on the platform but still listed (PrestaShop `deleted=1`): not to be pushed. */
  deleted: boolean;
  /** The platform e-mails the customer when an order enters this state (as far as it says). */
  sendsEmail: boolean;
  /** No way out on the platform once an order is there (Shopify cancelled, WooCommerce refunded). */
  final: boolean;
  color?: string;
  shipped?: boolean;
  paid?: boolean;
}

/**
 * Where an incremental orders pull stands: the greatest (updated-at, id) imported. Keyset, never
 * an offset, so that an order changed during a pull is not skipped.
 */
export interface OrdersWatermark {
  /**
   * ISO 8601 with an offset (`2026-11-30T10:00:00.000Z`; PrestaShop: the shop's own,
   * `2026-11-30T11:00:00+01:00`). A platform whose `orderDates` is `shop-zone` may also get
   * `YYYY-MM-DD HH:MM:SS` without an offset: the shop's wall time (a `--since` written so, a
   * watermark stored so by earlier versions).
   */
  updatedAt: string;
  idOrigin: number;
}

export interface OrdersPageRequest {
  /** Orders updated at or after this point (inclusive; the platform re-reads the boundary). Null: every order. */
  since: OrdersWatermark | null;
  /** The page token the previous page returned; null for the first page. */
  cursor: string | null;
  /** Orders per page (the platform may cap it). */
  limit: number;
  signal?: AbortSignal;
}

export interface OrdersPage {
  /** Ordered by (updatedAt, idOrigin) ascending. */
  orders: NeutralOrder[];
  /** Null when this was the last page. */
  nextCursor: string | null;
  /** Platform requests this page cost (the order page plus look-ups of customers, addresses…). */
  requests: number;
  /** Parts the platform would not give (a missing permission, an unreadable customer): one line each. */
  warnings: string[];
  /**
   * The request's `since` as the platform reads it, ISO 8601 with the platform's offset (PrestaShop:
   * the shop's zone), for output; given where it differs from `since.updatedAt` (another offset, a
   * wall time). Null when the request had no `since`.
   */
  since?: string | null;
}

export interface NeutralCustomer {
  /** The platform's customer id, or null for a guest checkout. */
  idOrigin: number | null;
  firstname: string;
  lastname: string;
  email: string;
}

export interface NeutralAddress {
  /** The platform's address id where it has one. */
  idOrigin: number | null;
  firstname: string;
  lastname: string;
  company: string;
  address1: string;
  address2: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2 (`IT`); the core maps it to the local `countries` row. Empty when unknown. */
  countryIso: string;
  /** The country's name as the shop gives it, for a country added locally (else its English name). */
  countryName?: string;
  phone: string;
}

export interface NeutralOrderLine {
  /** The platform's id of the line where it has one (PrestaShop's order row); else its position is used. */
  idOrigin?: number;
  /** The platform's product id (0 when the line has none, e.g. a custom item). */
  productIdOrigin: number;
  /** Variant / combination id, 0 when none. */
  variantIdOrigin: number;
  quantity: number;
  name: string;
  /** SKU / product reference. */
  reference: string;
  unitPriceTaxIncl: number;
  unitPriceTaxExcl: number;
}

/** An order as every platform can describe it. */
export interface NeutralOrder {
  idOrigin: number;
  /** What the shop shows the customer (PrestaShop reference, Shopify name `#1001`, WooCommerce number). */
  reference: string;
  /** The order's current state as a catalogue code (Shopify: derived, see its README). */
  stateCode: string;
  /**
   * ISO 8601 with an offset: UTC where the platform's API speaks UTC; the shop's own offset where
   * the platform keeps the shop's wall clock (`orderDates: 'shop-zone'`, PrestaShop), so that the
   * platform's date prints as the shop shows it. A date the platform left empty (PrestaShop's
   * `0000-00-00 00:00:00`) is passed as it came: it is no instant.
   */
  createdAt: string;
  updatedAt: string;
  currency: string;
  payment: string;
  totals: {
    paidTaxIncl: number;
    paidTaxExcl: number;
    products: number;
    productsTaxIncl: number;
    shipping: number;
  };
  customer: NeutralCustomer | null;
  deliveryAddress: NeutralAddress | null;
  invoiceAddress: NeutralAddress | null;
  lines: NeutralOrderLine[];
}

/** The platform state a push moves an order to. */
export interface PushTarget {
  code: string;
  /** The spec's `id_platform_state` of the catalogue row. */
  idPlatformState: number;
  name: string;
}

/** What the core knows of the order it pushes. */
export interface PushOrder {
  idOrigin: number;
  reference: string;
  /** The local shipment's tracking, where the push can carry it (Shopify fulfillments). */
  tracking: { number: string; company: string | null; url: string | null } | null;
}

export interface PushOptions {
  /** Ask the platform to e-mail the customer, where the platform lets the caller choose. */
  sendEmail: boolean;
  signal?: AbortSignal;
}

/** A push ends done only with evidence: the platform's answer named the order and the target, or a read showed it. */
export interface PushResult {
  evidence: 'answer' | 'read';
  /** The order was already in the target state: nothing was changed on the shop. */
  alreadyThere: boolean;
  /** Done, but with something the operator should know (e.g. the shop's mail failed). */
  warnings: string[];
}

/** The read-before-repeat check: is the target applied on the shop? */
export type PushState =
  | { kind: 'applied' }
  | { kind: 'not-applied'; currentCode: string | null }
  | { kind: 'order-missing' };

/** Whether a catalogue state can still be pushed to (PrestaShop: one GET of order_states/{id}). */
export type TargetStatus = 'active' | 'deleted' | 'missing';

/** The dry-run / preview of a push: exactly what would be sent, no secret in it. */
export interface PushPreview {
  /** Each request the push would make, in order (a Shopify fulfillment reads first, then mutates). */
  requests: Array<{ method: string; url: string; body: string | null }>;
  /** One line for people: `POST /api/order_histories (order 32 → state 4 "Spedito")`. */
  summary: string;
  /** Whether the customer gets an e-mail: true/false where the caller decides, 'platform' where the platform always decides. */
  customerEmail: boolean | 'platform';
  notes: string[];
}

/** What an error means for a delivery; the core decides retries and job states from it alone. */
export type ErrorClass =
  /** Nothing happened and trying again later may work (connection refused, 503 before the write…). */
  | { kind: 'retryable'; retryAfterMs?: number }
  /**
   * The write may have been applied (timeout, dropped connection, 5xx after the request left): read
   * before repeating. `answered`: the shop itself answered (so a read right now tells the truth; a
   * dropped answer's write may still land, and the next attempt reads first). `emailWarning`: when
   * the read shows the change applied and the push asked for an e-mail, the e-mail probably failed
   * (PrestaShop error 46). `failIfNotApplied`: the answer shows the write broke (a PHP error in a
   * 200): when the read shows it not applied, the job fails for good with this message.
   */
  | { kind: 'outcome-unknown'; answered?: boolean; emailWarning?: string; failIfNotApplied?: string }
  /** The platform asks to wait (429, Shopify THROTTLED): not a failed attempt. */
  | { kind: 'throttled'; retryAfterMs: number }
  /** The key or token is refused: the store's credentials are failing. */
  | { kind: 'credentials'; message: string }
  /** The key works but lacks a permission / scope, named in `missing`. */
  | { kind: 'permission'; missing: string; message: string }
  /** The target (order or state) cannot be used on the shop: failed for good. */
  | { kind: 'bad-target'; message: string }
  /** An answer that is not the expected document: failed, quoting what came back. */
  | { kind: 'bad-response'; message: string }
  /** Anything else the platform refused (4xx): failed for good. */
  | { kind: 'refused'; message: string };

/** One line of `stores check`. */
export interface StoreCheckItem {
  /** What was checked: `GET orders`, `scope write_orders`, `shop`. */
  name: string;
  ok: boolean;
  detail: string;
}

export interface StoreCheckReport {
  /** What the shop says it is (shop name, version), for the check's first line. */
  shop: string | null;
  items: StoreCheckItem[];
}

export interface PlatformCapabilities {
  /** Whether `states pull` reads the shop (PrestaShop, WooCommerce) or writes a fixed catalogue (Shopify). */
  stateCatalogue: 'pulled' | 'fixed';
  /** Whether the caller chooses the customer e-mail per push (PrestaShop sendemail, Shopify notifyCustomer). */
  emailPerPush: boolean;
  /** Whether the platform can call ecom-sync (webhooks). */
  webhooks: boolean;
  /**
   * How the platform dates orders. `utc` (default): its API speaks UTC; a date written without an
   * offset is UTC; the watermark is stored as `updatedAt UTC|id`. `shop-zone` (PrestaShop): the
   * shop's wall clock in its own zone; the port gives dates with the shop's offset and reads a date
   * without an offset as the shop's time; the watermark is stored as the greatest date with that
   * offset (whole seconds: the port re-reads that second).
   */
  orderDates?: 'utc' | 'shop-zone';
}

/** What a catalogue read tells besides the states, filled in by the ports that know it. */
export interface CatalogueReadInfo {
  /** Platform requests the read made (unset: 1 for a pulled catalogue, 0 for a fixed one). */
  requests?: number;
  /** The platform language the names are in (PrestaShop's id_lang). */
  languageId?: number;
}

/** One store's connection to its platform. */
export interface PlatformPort {
  readonly kind: PlatformKind;
  readonly capabilities: PlatformCapabilities;
  /** The platform's webhook subscriptions, where it has webhooks (see webhook-subscription-port.ts). */
  readonly webhooks?: WebhookSubscriptionPort;
  /**
   * The whole catalogue. Throws PLATFORM_BAD_RESPONSE when the answer is not a complete document.
   * `info`, when given, is filled in with what the read cost and the language of the names.
   */
  pullStateCatalogue(options?: { signal?: AbortSignal; info?: CatalogueReadInfo }): Promise<CatalogueState[]>;
  /** One page of orders, keyset-paged from `since`. */
  pullOrdersPage(request: OrdersPageRequest): Promise<OrdersPage>;
  /** One order as it is now (a webhook is only a hint: this is the truth), or null when the shop has no such order. */
  readOrder(idOrigin: number, options?: { signal?: AbortSignal }): Promise<NeutralOrder | null>;
  /** Moves the order to the target. Not idempotent: after an unknown outcome call readPushState first. */
  push(order: PushOrder, target: PushTarget, options: PushOptions): Promise<PushResult>;
  /** Is the target applied on the shop? One read. */
  readPushState(order: PushOrder, target: PushTarget, options?: { signal?: AbortSignal }): Promise<PushState>;
  /** Can the target still be pushed to? */
  readTargetStatus(target: PushTarget, options?: { signal?: AbortSignal }): Promise<TargetStatus>;
  /** The exact requests a push would make; sends nothing. */
  describePush(order: PushOrder, target: PushTarget, options: Omit<PushOptions, 'signal'>): PushPreview;
  classify(error: unknown): ErrorClass;
  /** Cheap requests that tell whether URL, credentials and permissions work. */
  check(options?: { signal?: AbortSignal }): Promise<StoreCheckReport>;
}

/** What a platform factory receives about its store (secrets resolved, never logged). */
export interface PlatformStoreConnection {
  storeId: number;
  storeName: string;
  /** The store's URL as registered (no credentials in it). */
  baseUrl: string;
  /** PrestaShop webservice key, Shopify Admin API token, WooCommerce consumer key; null when not set. */
  apiKey: string | null;
  /** WooCommerce consumer secret, Shopify client secret (client-credentials grant); null when not set. */
  apiSecret: string | null;
  /** Platform-specific settings of the store (`stores.settings`, JSON): api version, auth mode, client id… */
  settings: Record<string, unknown>;
}
