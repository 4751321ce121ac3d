import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/config/config-schema.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import { validateConfig } from '../../../src/config/validate-config.js';

/** Every key and default as ecom-sync has always had them, in the order `config show` prints them. */
const DEFAULTS = {
  database: { url: 'sqlite:./ecom-sync.db' },
  plugins: {
    platform_state_sync: { enabled: true },
    stock_auto_update: { enabled: false, decrement_on: [4], restock_on: [6, 7], allow_negative: false },
  },
  sync: {
    attempts: 3, backoff_ms: 1000, backoff_factor: 2, backoff_max_ms: 4000, connect_timeout_ms: 10_000, total_timeout_ms: 30_000,
    concurrency_per_store: 4, send_email: false, retry_after_failure_ms: 60_000, retry_after_failure_max_ms: 3_600_000,
    lease_ms: 15_000, heartbeat_ms: 5_000, max_wait_ms: 30_000, max_runs: 20,
  },
  orders: { initial_state: 1, page_size: 100 },
  daemon: {
    host: '127.0.0.1', port: 8080, token: null, states_interval_s: 3600, orders_interval_s: 300, worker_poll_ms: 1000,
    shutdown_timeout_ms: 30_000, body_limit_bytes: 1_048_576, webhook_body_limit_bytes: 1_048_576, webhook_check_s: 3600, public_url: null,
    bulk_max_orders: 1000, init_cache_ttl_s: 86_400,
  },
  transitions: { mode: 'off', final_platform_states: { prestashop: [], shopify: ['cancelled'], woocommerce: ['refunded'] } },
  log: { level: 'info' },
};

function problems(input: unknown): string[] {
  return validateConfig(input, 'f.yaml').problems;
}

describe('the configuration schema', () => {
  it('gives every key its default, in the documented order, as a fresh copy each time', () => {
    expect(JSON.stringify(defaultConfig())).toBe(JSON.stringify(DEFAULTS));
    const changed = defaultConfig();
    changed.plugins.stock_auto_update.restock_on.push(9);
    changed.transitions.final_platform_states.shopify.length = 0;
    expect(defaultConfig()).toEqual(DEFAULTS);
    expect(validateConfig(undefined, 'f.yaml')).toEqual({ config: DEFAULTS, problems: [] });
  });

  it('names each kind of wrong value in words, with its key path, every problem at once', () => {
    expect(problems({ sync: { attempts: 0, concurency_per_store: 3, backoff_factor: 0.5, backoff_ms: 1.5 } })).toEqual([
      'sync.attempts: must be at least 1, got 0',
      'sync.concurency_per_store: unknown key',
      'sync.backoff_factor: must be at least 1, got 0.5',
      'sync.backoff_ms: expected a whole number, got 1.5',
    ]);
    expect(problems({ sync: { attempts: 21, backoff_factor: 'x', max_wait_ms: 'a', retry_after_failure_ms: null, retry_after_failure_max_ms: {}, send_email: 'no' } })).toEqual([
      'sync.attempts: must be at most 20, got 21',
      'sync.backoff_factor: expected a number, got "x"',
      'sync.max_wait_ms: expected a whole number, got "a"',
      'sync.retry_after_failure_ms: expected a whole number, got null',
      'sync.retry_after_failure_max_ms: expected a whole number, got a mapping',
      'sync.send_email: expected true or false, got "no"',
    ]);
    expect(problems({ plugins: { stock_auto_update: { decrement_on: [1, -2], restock_on: 'x', allow_negative: 1 } } })).toEqual([
      'plugins.stock_auto_update.decrement_on: expected a list of state ids (positive whole numbers), got a list',
      'plugins.stock_auto_update.restock_on: expected a list of state ids (positive whole numbers), got "x"',
      'plugins.stock_auto_update.allow_negative: expected true or false, got 1',
    ]);
    expect(problems({ daemon: { host: '', port: -1, token: 5, public_url: '' }, orders: 3, log: { level: 3 } })).toEqual([
      'daemon.host: expected a non-empty string, got ""',
      'daemon.port: must be at least 0, got -1',
      'daemon.token: expected a non-empty string, got 5',
      'daemon.public_url: expected a non-empty string, got ""',
      'orders: expected a mapping of keys, got 3',
      'log.level: expected one of fatal, error, warn, info, debug, trace, silent, got 3',
    ]);
    expect(problems({ transitions: { final_platform_states: { shopify: [' '] } } })).toEqual([
      'transitions.final_platform_states.shopify: expected a list of platform state codes or names, got a list',
    ]);
    expect(problems([])).toEqual(['f.yaml: the top level must be a mapping of keys, got a list']);
  });

  it('keeps the password of a wrong database URL out of the message', () => {
    expect(problems({ database: { url: 'ftp://app:s3cret@db.example/shop' } })).toEqual([
      expect.stringMatching(/^database\.url: expected sqlite:PATH, postgres:\/\/… or mysql:\/\/…, got "ftp:\/\/app:\*+@db\.example\/shop"$/),
    ]);
  });

  it('treats keys that happen to be names of object properties as unknown', () => {
    expect(problems({ constructor: 1, sync: { toString: 2 } })).toEqual(['constructor: unknown key', 'sync.toString: unknown key']);
  });

  it('keeps the default of a rejected key and takes every accepted one', () => {
    const { config } = validateConfig({ sync: { attempts: 0, concurrency_per_store: 8 }, daemon: { public_url: 'https://sync.example' } }, 'f.yaml');
    expect(config.sync.attempts).toBe(3);
    expect(config.sync.concurrency_per_store).toBe(8);
    expect(config.daemon.public_url).toBe('https://sync.example');
  });

  it('as a plain JSON Schema, accepts and rejects what the checks accept and reject', () => {
    const cases: unknown[] = [
      {}, { sync: { attempts: 20, backoff_factor: 1.5 } }, { daemon: { token: 'x', port: 0 } }, { transitions: { mode: 'enforce' } },
      { sync: { attempts: 0 } }, { daemon: { token: '' } }, { database: { url: 'oracle://x' } }, { log: { level: 'loud' } },
      { plugins: { stock_auto_update: { restock_on: [0] } } }, { transitions: { final_platform_states: { magento: [] } } }, { extra: 1 },
    ];
    for (const input of cases) {
      const merged = Value.Default(ConfigSchema, structuredClone(input));
      expect({ input, valid: Value.Check(ConfigSchema, merged) }).toEqual({ input, valid: problems(input).length === 0 });
    }
  });
});
