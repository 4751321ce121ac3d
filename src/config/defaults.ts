import type { Config } from './config-types.js';

/** Every key has a default so that ecom-sync runs without a configuration file. */
export function defaultConfig(): Config {
  return {
    database: { url: 'sqlite:./ecom-sync.db' },
    plugins: {
      platform_state_sync: { enabled: true },
      stock_auto_update: { enabled: false, decrement_on: [4], restock_on: [6, 7], allow_negative: false },
    },
    sync: {
      attempts: 3,
      backoff_ms: 1000,
      backoff_factor: 2,
      backoff_max_ms: 4000,
      connect_timeout_ms: 10_000,
      total_timeout_ms: 30_000,
      concurrency_per_store: 4,
      send_email: false,
      retry_after_failure_ms: 60_000,
      retry_after_failure_max_ms: 3_600_000,
      lease_ms: 15_000,
      heartbeat_ms: 5_000,
      max_wait_ms: 30_000,
      max_runs: 20,
    },
    orders: { initial_state: 1, page_size: 100 },
    daemon: {
      host: '127.0.0.1',
      port: 8080,
      token: null,
      states_interval_s: 3600,
      orders_interval_s: 300,
      worker_poll_ms: 1000,
      shutdown_timeout_ms: 30_000,
      body_limit_bytes: 1_048_576,
      webhook_body_limit_bytes: 1_048_576,
      public_url: null,
      bulk_max_orders: 1000,
      init_cache_ttl_s: 86_400,
    },
    transitions: {
      mode: 'off',
      final_platform_states: { prestashop: [], shopify: ['cancelled'], woocommerce: ['refunded'] },
    },
    log: { level: 'info' },
  };
}
