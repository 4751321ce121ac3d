/** The validated configuration every part of ecom-sync receives from the composition root. */
export interface StockRulesConfig {
  /** Local order state ids whose entry takes the ordered quantities out of stock (e.g. shipped). */
  decrement_on: number[];
  /** Local order state ids whose entry puts previously taken quantities back (e.g. cancelled, refunded). */
  restock_on: number[];
  /** Let stock go below zero instead of stopping at zero. */
  allow_negative: boolean;
}

export type TransitionMode = 'off' | 'warn' | 'enforce';

export interface TransitionsConfig {
  /** off: no checks (the spec's behaviour); warn: apply and say so; enforce: refuse what the rules do not allow. */
  mode: TransitionMode;
  /**
   * Per platform (lowercase platforms.name), the platform states an order cannot leave there: a
   * trigger towards one of them is final. Matched against the state's code or name, case-insensitive.
   */
  final_platform_states: { prestashop: string[]; shopify: string[]; woocommerce: string[] };
}

export interface Config {
  database: { url: string };
  plugins: {
    platform_state_sync: { enabled: boolean };
    stock_auto_update: { enabled: boolean } & StockRulesConfig;
  };
  sync: {
    /** Attempts per delivery run (the spec: 3). */
    attempts: number;
    /** First wait between attempts; each next one is multiplied by backoff_factor (the spec: 1 s, 2 s, 4 s). */
    backoff_ms: number;
    backoff_factor: number;
    backoff_max_ms: number;
    connect_timeout_ms: number;
    total_timeout_ms: number;
    /** Deliveries in flight at once per store. */
    concurrency_per_store: number;
    /** Ask the platform to e-mail the customer when a trigger or store does not say otherwise. */
    send_email: boolean;
    /** After a delivery run fails, when to try the job again: capped exponential backoff. */
    retry_after_failure_ms: number;
    retry_after_failure_max_ms: number;
    /** How long a claimed job stays with its worker without renewal before another may take it over. */
    lease_ms: number;
    /** How often a worker renews the leases of the jobs it works on (default lease_ms / 3). */
    heartbeat_ms: number;
    /** The longest wait slept inside a delivery (backoff, Retry-After); a longer one puts the job back to pending for that time. */
    max_wait_ms: number;
    /** Stop retrying a job automatically after this many failed delivery runs (0 = never stop). */
    max_runs: number;
  };
  orders: {
    /** Local state a newly imported order starts in. */
    initial_state: number;
    /** Orders per platform request when pulling (PrestaShop loads each one: keep it at 100 or less). */
    page_size: number;
  };
  daemon: {
    host: string;
    port: number;
    /** Bearer token for the REST API; prefer ${ECOM_SYNC_API_TOKEN}. */
    token: string | null;
    states_interval_s: number;
    orders_interval_s: number;
    worker_poll_ms: number;
    shutdown_timeout_ms: number;
    body_limit_bytes: number;
    /** Largest webhook delivery accepted (413 beyond). */
    webhook_body_limit_bytes: number;
    /** The daemon's address as the shops reach it, for `webhooks setup` (e.g. https://sync.example). */
    public_url: string | null;
    bulk_max_orders: number;
    init_cache_ttl_s: number;
  };
  transitions: TransitionsConfig;
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
}
