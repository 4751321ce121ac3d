/**
 * What ecom-sync needs from an e-commerce platform. PrestaShop implements it first; Shopify and
 * WooCommerce plug in behind the same four operations without touching the sync handler.
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
  /** Shop local time, `YYYY-MM-DD HH:MM:SS` as the platform sends it. */
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

export interface PullOrdersPage {
  /** Only orders updated at or after this platform-local time. */
  since?: string;
  offset: number;
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
  /** Customers and addresses by id, in as few requests as the platform allows. */
  getCustomers(ids: number[], options?: { signal?: AbortSignal }): Promise<PlatformCustomer[]>;
  getAddresses(ids: number[], options?: { signal?: AbortSignal }): Promise<PlatformAddress[]>;
  getLanguages(options?: { signal?: AbortSignal }): Promise<PlatformLanguage[]>;
  /** The shop's default language id, used when a store has none configured. */
  getDefaultLanguageId(options?: { signal?: AbortSignal }): Promise<number>;
}

export interface PlatformConnection {
  baseUrl: string;
  apiKey: string;
  storeId: number;
  storeName: string;
}
