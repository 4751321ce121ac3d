import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of every table. Booleans are stored as 0/1 integers on every dialect (the spec's
 * `INSERT ... is_active ... 1` must run verbatim everywhere). DATETIME columns of the spec are read
 * back as `YYYY-MM-DD HH:MM:SS` UTC strings on every dialect (see connect-database.ts); scheduling
 * columns of ecom-sync's own tables are epoch milliseconds.
 */
type Flag = number;
type Timestamp = ColumnType<string, string | undefined, string>;
type EpochMs = number;
/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface PlatformsTable {
  id_platform: Generated<number>;
  name: string;
  is_default: ColumnType<Flag, Flag | undefined, Flag>;
}

export interface StoresTable {
  id_store: Generated<number>;
  id_platform: number;
  name: string;
  base_url: string;
  /** The key itself, or null when it is read from the environment variable named by api_key_env. */
  api_key: string | null;
  api_key_env: string | null;
  /** A second credential (WooCommerce consumer secret, Shopify client secret), or null when read from api_secret_env. */
  api_secret: string | null;
  api_secret_env: string | null;
  /** Platform-specific settings as JSON (API version, auth mode, client id…). */
  settings: string | null;
  /** The secret webhooks are signed with, or null when read from webhook_secret_env (Shopify apps: the client secret). */
  webhook_secret: string | null;
  webhook_secret_env: string | null;
  logo: string | null;
  is_active: ColumnType<Flag, Flag | undefined, Flag>;
  is_default: ColumnType<Flag, Flag | undefined, Flag>;
  /** Platform language for state names; null = the shop's default language. */
  id_lang: number | null;
  /** Response format asked of the platform: 'xml' or 'json'. */
  format: ColumnType<string, string | undefined, string>;
  /** 1 = ask the platform to e-mail customers on pushed changes, 0 = never, null = the config default. */
  send_email: Flag | null;
  credentials_error: string | null;
  credentials_failed_at: string | null;
  /** The greatest platform date_upd imported so far: PrestaShop ISO 8601 with the shop's offset (older rows: shop wall time), Shopify/WooCommerce `updatedAt ISO UTC|id`. */
  orders_watermark: string | null;
  orders_pulled_at: string | null;
  /** Multistore: the PrestaShop shop (`id_shop`) or shop group (`id_group_shop`) every request is made in. */
  shop_id: number | null;
  shop_group_id: number | null;
  /** 0: the shop has no URL rewriting, the webservice is `/webservice/dispatcher.php?url=`. */
  url_rewrite: ColumnType<Flag, Flag | undefined, Flag>;
  date_add: Timestamp;
  date_upd: Timestamp;
}

export interface LanguagesTable {
  id_lang: Generated<number>;
  name: string;
  iso_code: string;
}

export interface CountriesTable {
  id_country: Generated<number>;
  name: string;
  iso_code: string;
}

export interface OrderStatesTable {
  id_order_state: Generated<number>;
  name: string;
}

export interface ShippingStateTable {
  id_shipping_state: Generated<number>;
  name: string;
}

export interface ShipmentsTable {
  id_shipping: Generated<number>;
  id_shipping_state: number;
  tracking: string | null;
  carrier_name: string | null;
  date_add: Timestamp;
  date_upd: Timestamp;
}

export interface CustomersTable {
  id_customer: Generated<number>;
  id_origin: number | null;
  id_store: number | null;
  firstname: string;
  lastname: string;
  email: string;
  date_add: Timestamp;
  date_upd: Timestamp;
}

export interface AddressesTable {
  id_address: Generated<number>;
  id_origin: number | null;
  id_store: number | null;
  id_customer: number | null;
  firstname: string;
  lastname: string;
  company: string | null;
  address1: string;
  address2: string | null;
  postcode: string;
  city: string;
  /** The local countries.id_country (matched by ISO code with the platform's country). */
  id_country: number | null;
  phone: string | null;
  date_add: Timestamp;
  date_upd: Timestamp;
}

export interface ProductsTable {
  id_product: Generated<number>;
  id_origin: number | null;
  id_store: number | null;
  name: string;
  reference: string | null;
  quantity: Defaulted<number>;
  date_add: Timestamp;
  date_upd: Timestamp;
}

export interface OrdersTable {
  id_order: Generated<number>;
  /** The platform's order id; unique per store. */
  id_origin: number | null;
  id_platform: number | null;
  id_store: number | null;
  id_order_state: number;
  id_ecommerce_state: number | null;
  id_shipping: number | null;
  id_customer: number | null;
  id_address_delivery: number | null;
  id_address_invoice: number | null;
  reference: string | null;
  payment: string | null;
  total_price_with_tax: Defaulted<number>;
  total_price_without_tax: Defaulted<number>;
  total_products: Defaulted<number>;
  total_shipping: Defaulted<number>;
  /** The platform's own date_upd of the order, as last imported: ISO 8601 with the platform's offset. */
  platform_date_upd: string | null;
  date_add: Timestamp;
  date_upd: Timestamp;
}

export interface OrderDetailsTable {
  id_order_detail: Generated<number>;
  id_order: number;
  /** The platform's order row id. */
  id_origin: number | null;
  id_product: number | null;
  product_name: string;
  product_reference: string | null;
  product_qty: number;
  product_price: Defaulted<number>;
  unit_price_tax_incl: Defaulted<number>;
  unit_price_tax_excl: Defaulted<number>;
}

export interface OrdersHistoryTable {
  id_order_history: Generated<number>;
  id_order: number;
  id_order_state: number;
  date_add: Timestamp;
  /** Why an admin overrode the transition rules with this change (`--force --reason`); null otherwise. */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A permitted step from one local state to another (migration 0006). */
export interface OrderStateTransitionsTable {
  id_transition: Generated<number>;
  /** 'order_state' or 'shipping_state'. */
  state_type: string;
  id_state_from: number;
  id_state_to: number;
  date_add: Timestamp;
}

export interface EcommerceOrderStatesTable {
  id_ecommerce_order_state: Generated<number>;
  id_store: number;
  id_platform_state: number;
  /** The platform's own key of the state: PrestaShop's id as text, a WooCommerce slug, a Shopify action. */
  code: string | null;
  name: string;
  platform_name: string;
  /** deleted=1 on the platform: still listed there, no longer to be used. */
  is_deleted: ColumnType<Flag, Flag | undefined, Flag>;
  /** No longer returned by the platform at the last pull. */
  is_missing: ColumnType<Flag, Flag | undefined, Flag>;
  send_email: ColumnType<Flag, Flag | undefined, Flag>;
  date_add: Timestamp;
  updated_at: Timestamp;
}

export interface PlatformStateTriggersTable {
  id_trigger: Generated<number>;
  event_type: string;
  id_store: number;
  state_type: string;
  id_state_local: number;
  id_state_platform: number;
  is_active: ColumnType<Flag, Flag | undefined, Flag>;
  /** 1/0 overrides the store and config for this rule; null inherits them. */
  send_email: Flag | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SyncJobStatus = 'pending' | 'running' | 'done' | 'failed' | 'superseded' | 'cancelled';

export interface SyncJobsTable {
  id_sync_job: Generated<number>;
  id_order: number;
  id_store: number;
  id_trigger: number | null;
  event_type: string;
  id_state_local: number;
  /** Target: ecommerce_order_states.id_ecommerce_order_state and its platform id. */
  id_ecommerce_order_state: number;
  id_platform_state: number;
  /** The platform's order id at the time of the change. */
  id_origin: number;
  send_email: Defaulted<Flag>;
  status: SyncJobStatus;
  /** Writes sent to the platform, over all runs. */
  attempts: Defaulted<number>;
  /** Delivery runs that ended in failure. */
  runs: Defaulted<number>;
  /** 1 when a write was sent whose outcome is unknown: read the platform before writing again. */
  in_doubt: Defaulted<Flag>;
  next_attempt_at: EpochMs;
  lease_owner: string | null;
  lease_until: EpochMs | null;
  /** New for every claim: writes of a worker are fenced on (lease_owner, lease_token). */
  lease_token: string | null;
  /** The platform asked not to be called before this time (Retry-After); `sync run` keeps it. */
  not_before: EpochMs | null;
  last_error: string | null;
  last_http_status: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  done_at: EpochMs | null;
}

export interface SyncLogTable {
  id_sync_log: Generated<number>;
  id_sync_job: number | null;
  id_order: number | null;
  id_store: number | null;
  level: string;
  message: string;
  created_at: EpochMs;
}

export interface StockMovementsTable {
  id_stock_movement: Generated<number>;
  id_order: number;
  id_product: number;
  id_order_state: number;
  /** 'decrement' or 'restock'. */
  movement: string;
  quantity: number;
  created_at: EpochMs;
}

export interface AppLocksTable {
  name: string;
  owner: string;
  lease_until: EpochMs;
}

export interface AppSettingsTable {
  name: string;
  value: string;
}

/** The webhook inbox (src/webhooks/): stored before it is answered, processed after. */
export interface InboundEventsTable {
  id_inbound_event: Generated<number>;
  id_store: number;
  platform: string;
  topic: string;
  /** Unique per store: Shopify's event id, WooCommerce's (order id, date_modified_gmt). */
  dedup_key: string;
  id_origin: string | null;
  received_at: number;
  platform_updated_at: string | null;
  payload: string;
  processed_at: number | null;
  outcome: ColumnType<string, string | undefined, string>;
  detail: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  lease_owner: string | null;
  lease_until: number | null;
}

export interface Database {
  platforms: PlatformsTable;
  stores: StoresTable;
  languages: LanguagesTable;
  countries: CountriesTable;
  order_states: OrderStatesTable;
  shipping_state: ShippingStateTable;
  shipments: ShipmentsTable;
  customers: CustomersTable;
  addresses: AddressesTable;
  products: ProductsTable;
  orders: OrdersTable;
  order_details: OrderDetailsTable;
  orders_history: OrdersHistoryTable;
  order_state_transitions: OrderStateTransitionsTable;
  ecommerce_order_states: EcommerceOrderStatesTable;
  platform_state_triggers: PlatformStateTriggersTable;
  sync_jobs: SyncJobsTable;
  sync_log: SyncLogTable;
  stock_movements: StockMovementsTable;
  app_locks: AppLocksTable;
  app_settings: AppSettingsTable;
  inbound_events: InboundEventsTable;
}
