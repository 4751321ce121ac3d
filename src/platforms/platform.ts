/**
 * The PrestaShop webservice client's interface (src/platforms/prestashop/): what its PlatformPort
 * (platform-port.ts, all the core sees of any platform) is built on. Shopify and WooCommerce
 * implement the port directly.
 */

/** A state of the platform's catalogue, with its name in the requested language. */
export interface PlatformState {
  id: number;
  name: string;
  /** `deleted=1` on the platform: still listed, no longer usable. */
  deleted: boolean;
  /** The platform sends the customer an e-mail when an order enters this state. */
  sendEmail: boolean;
  color?: string;
  shipped?: boolean;
  paid?: boolean;
}

export interface PlatformOrderRow {
  id: number;
  productId: number;
  productAttributeId: number;
  quantity: number;
  name: string;
  reference: string;
  unitPriceTaxIncl: number;
  unitPriceTaxExcl: number;
}

export interface PlatformOrder {
  id: number;
  reference: string;
  currentState: number;
  idCustomer: number;
  idAddressDelivery: number;
  idAddressInvoice: number;
  idCarrier: number | null;
  idLang: number | null;
  payment: string;
  totalPaidTaxIncl: number;
  totalPaidTaxExcl: number;
  totalProducts: number;
  totalProductsWt: number;
  totalShipping: number;
  /** Shop local time (the shop's time zone, no offset), `YYYY-MM-DD HH:MM:SS` as the platform sends it; the pull converts it. */
  dateAdd: string;
  dateUpd: string;
  rows: PlatformOrderRow[];
}

export interface PlatformCustomer {
  id: number;
  firstname: string;
  lastname: string;
  email: string;
}

export interface PlatformAddress {
  id: number;
  idCustomer: number;
  firstname: string;
  lastname: string;
  company: string;
  address1: string;
  address2: string;
  postcode: string;
  city: string;
  idCountry: number;
  phone: string;
}

/** A country as the platform numbers it; matched to local countries by ISO code. */
export interface PlatformCountry {
  id: number;
  /** ISO 3166-1 alpha-2, upper case (`IT`, `US`). */
  isoCode: string;
  name: string;
}

/** A store of a multistore platform install (PrestaShop `/api/shops`). */
export interface PlatformShop {
  id: number;
  name: string;
  shopGroupId: number;
  active: boolean;
}

/** What `stores check` asks of a key: one resource and method, and whether the key may use it. */
export interface PlatformPermissionCheck {
  resource: string;
  method: 'GET' | 'POST';
  /** What ecom-sync uses it for. */
  why: string;
  /** false: the key lacks it; null: could not be told (the answer said nothing either way). */
  ok: boolean | null;
  /** The request that told (`HEAD /api/orders`, `GET /api/`). */
  checkedWith: string;
}

export interface PlatformAccessReport {
  permissions: PlatformPermissionCheck[];
  /** The shops of a multistore install, when the key may read them (else null). */
  shops: PlatformShop[] | null;
  /** Platform requests made. */
  requests: number;
}

export interface PlatformLanguage {
  id: number;
  name: string;
  isoCode: string;
  active: boolean;
}

export interface PushStateOptions {
  /** Ask the platform to e-mail the customer (PrestaShop `sendemail=1`). */
  sendEmail: boolean;
  signal?: AbortSignal;
}

export interface PushStateResult {
  /** The platform's id of the history row it created. */
  historyId: number | null;
}

/** A target state as the platform knows it now: usable, soft-deleted, or not there at all. */
export type PlatformStateStatus = 'ok' | 'deleted' | 'missing';


/**
 * One page of orders, sorted by (date_upd, id). Pulls walk by keyset, never by offset: an order
 * updated during the walk moves to the end instead of shifting the pages and being skipped.
 */
export interface PullOrdersPage {
  /** Only orders updated at or after this platform-local time (after it, with `sinceExclusive`). */
  since?: string;
  sinceExclusive?: boolean;
  /** Only orders updated exactly at `since` whose id is greater than this (the rest of a busy second). */
  sameSecondAfterId?: number;
  /** Orders to skip; 0 for keyset paging. */
  offset?: number;
  limit: number;
  signal?: AbortSignal;
}

/**
 * One store's connection to its platform. Methods throw PlatformError (see src/errors.ts) with
 * `retryable` and `outcomeUnknown` set so that callers decide about retries; a client never
 * repeats a write on its own.
 */
export interface Platform {
  readonly platformName: string;
  /** The whole state catalogue in one request, ordered by id. */
  pullStates(options?: { languageId?: number; signal?: AbortSignal }): Promise<PlatformState[]>;
  /** Moves one platform order to a state. Not idempotent: call only after readOrderState when a previous attempt's outcome is unknown. */
  pushState(platformOrderId: number, platformStateId: number, options: PushStateOptions): Promise<PushStateResult>;
  /** One state of the catalogue, read now (after a push failed in a way a bad target explains). */
  readStateStatus(platformStateId: number, options?: { signal?: AbortSignal }): Promise<PlatformStateStatus>;
  /** The order's current state on the platform, or null when the order does not exist there. */
  readOrderState(platformOrderId: number, options?: { signal?: AbortSignal }): Promise<number | null>;
  /** One page of orders (with rows), ordered by date_upd then id. A page shorter than `limit` is the last. */
  pullOrders(page: PullOrdersPage): Promise<PlatformOrder[]>;
  /** Whole orders (with rows) by id, in as few requests as the platform allows; ids the shop does not have are absent. */
  getOrders(ids: number[], options?: { signal?: AbortSignal }): Promise<PlatformOrder[]>;
  /** Customers and addresses by id, in as few requests as the platform allows. */
  getCustomers(ids: number[], options?: { signal?: AbortSignal }): Promise<PlatformCustomer[]>;
  getAddresses(ids: number[], options?: { signal?: AbortSignal }): Promise<PlatformAddress[]>;
  getLanguages(options?: { signal?: AbortSignal }): Promise<PlatformLanguage[]>;
  /** Countries by the platform's own ids. */
  getCountries(ids: number[], options?: { signal?: AbortSignal }): Promise<PlatformCountry[]>;
  /** Which resources and methods the key may use, one request each (`stores check`). */
  checkAccess(options?: { signal?: AbortSignal }): Promise<PlatformAccessReport>;
  /** The shop's default language id, used when a store has none configured. */
  getDefaultLanguageId(options?: { signal?: AbortSignal }): Promise<number>;
  /** The shop's time zone (PrestaShop: PS_TIMEZONE) as the shop names it, or null when it does not say. */
  getTimeZone(options?: { signal?: AbortSignal }): Promise<string | null>;
}

export interface PlatformConnection {
  baseUrl: string;
  apiKey: string;
  storeId: number;
  storeName: string;
  /** Multistore: the shop (or shop group) every request is made in. */
  shopId?: number | null;
  shopGroupId?: number | null;
  /** false: the shop has no URL rewriting (`/webservice/dispatcher.php?url=`). Default true. */
  urlRewrite?: boolean;
}
