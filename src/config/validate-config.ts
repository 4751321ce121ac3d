import type { Config } from './config-types.js';
import { defaultConfig } from './defaults.js';
import { maskUrlCredentials } from '../logging/redact-url.js';

type Rule =
  | { kind: 'int'; min: number; max?: number }
  | { kind: 'number'; min: number }
  | { kind: 'bool' }
  | { kind: 'string'; nullable?: boolean; pattern?: RegExp; describe?: string }
  | { kind: 'int-list' }
  | { kind: 'string-list' }
  | { kind: 'enum'; values: readonly string[] };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Constraints per key path. Keys not listed here are unknown and reported as such. */
const RULES: Record<string, Rule> = {
  'database.url': { kind: 'string', pattern: /^(sqlite:|postgres:\/\/|postgresql:\/\/|mysql:\/\/)/, describe: 'sqlite:PATH, postgres://… or mysql://…' },
  'plugins.platform_state_sync.enabled': { kind: 'bool' },
  'plugins.stock_auto_update.enabled': { kind: 'bool' },
  'plugins.stock_auto_update.decrement_on': { kind: 'int-list' },
  'plugins.stock_auto_update.restock_on': { kind: 'int-list' },
  'plugins.stock_auto_update.allow_negative': { kind: 'bool' },
  'sync.attempts': { kind: 'int', min: 1, max: 20 },
  'sync.backoff_ms': { kind: 'int', min: 0 },
  'sync.backoff_factor': { kind: 'number', min: 1 },
  'sync.backoff_max_ms': { kind: 'int', min: 0 },
  'sync.connect_timeout_ms': { kind: 'int', min: 1 },
  'sync.total_timeout_ms': { kind: 'int', min: 1 },
  'sync.concurrency_per_store': { kind: 'int', min: 1, max: 64 },
  'sync.send_email': { kind: 'bool' },
  'sync.retry_after_failure_ms': { kind: 'int', min: 0 },
  'sync.retry_after_failure_max_ms': { kind: 'int', min: 0 },
  'sync.lease_ms': { kind: 'int', min: 1000 },
  'sync.heartbeat_ms': { kind: 'int', min: 100 },
  'sync.max_wait_ms': { kind: 'int', min: 0 },
  'sync.max_runs': { kind: 'int', min: 0 },
  'orders.initial_state': { kind: 'int', min: 1 },
  'orders.page_size': { kind: 'int', min: 1, max: 1000 },
  'daemon.host': { kind: 'string' },
  'daemon.port': { kind: 'int', min: 0, max: 65535 },
  'daemon.token': { kind: 'string', nullable: true },
  'daemon.states_interval_s': { kind: 'int', min: 1 },
  'daemon.orders_interval_s': { kind: 'int', min: 1 },
  'daemon.worker_poll_ms': { kind: 'int', min: 10 },
  'daemon.shutdown_timeout_ms': { kind: 'int', min: 0 },
  'daemon.body_limit_bytes': { kind: 'int', min: 1024 },
  'daemon.webhook_body_limit_bytes': { kind: 'int', min: 1024 },
  'daemon.public_url': { kind: 'string', nullable: true },
  'daemon.bulk_max_orders': { kind: 'int', min: 1, max: 100_000 },
  'daemon.init_cache_ttl_s': { kind: 'int', min: 0 },
  'transitions.mode': { kind: 'enum', values: ['off', 'warn', 'enforce'] },
  'transitions.final_platform_states.prestashop': { kind: 'string-list' },
  'transitions.final_platform_states.shopify': { kind: 'string-list' },
  'transitions.final_platform_states.woocommerce': { kind: 'string-list' },
  'log.level': { kind: 'enum', values: LOG_LEVELS },
};

export interface ValidationResult {
  config: Config;
  problems: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') {
    // A URL's password never reaches the message, however the URL is wrong.
    const shown = maskUrlCredentials(value, { keepUser: true });
    return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 37)}...` : shown);
  }
  return typeof value === 'object' ? 'a mapping' : String(value);
}

function checkValue(path: string, rule: Rule, value: unknown): string | null {
  switch (rule.kind) {
    case 'bool':
      return typeof value === 'boolean' ? null : `${path}: expected true or false, got ${describeValue(value)}`;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${path}: expected a whole number, got ${describeValue(value)}`;
      if (value < rule.min) return `${path}: must be at least ${rule.min}, got ${value}`;
      if (rule.max !== undefined && value > rule.max) return `${path}: must be at most ${rule.max}, got ${value}`;
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${path}: expected a number, got ${describeValue(value)}`;
      return value < rule.min ? `${path}: must be at least ${rule.min}, got ${value}` : null;
    case 'string':
      if (value === null && rule.nullable) return null;
      if (typeof value !== 'string' || value === '') return `${path}: expected a non-empty string, got ${describeValue(value)}`;
      if (rule.pattern && !rule.pattern.test(value)) return `${path}: expected ${rule.describe ?? rule.pattern.source}, got ${describeValue(value)}`;
      return null;
    case 'int-list':
      if (!Array.isArray(value) || !value.every((item) => Number.isInteger(item) && (item as number) > 0)) {
        return `${path}: expected a list of state ids (positive whole numbers), got ${describeValue(value)}`;
      }
      return null;
    case 'string-list':
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
        return `${path}: expected a list of platform state codes or names, got ${describeValue(value)}`;
      }
      return null;
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? null
        : `${path}: expected one of ${rule.values.join(', ')}, got ${describeValue(value)}`;
  }
}

/**
 * Merges `input` over the defaults and checks every key, collecting every problem (unknown keys
 * included) instead of stopping at the first, so that one run tells the user everything to fix.
 */
export function validateConfig(input: unknown, source: string): ValidationResult {
  const config = defaultConfig() as unknown as Record<string, unknown>;
  const problems: string[] = [];
  if (input === null || input === undefined) return { config: config as unknown as Config, problems };
  if (!isPlainObject(input)) {
    return { config: config as unknown as Config, problems: [`${source}: the top level must be a mapping of keys, got ${describeValue(input)}`] };
  }

  const walk = (value: Record<string, unknown>, target: Record<string, unknown>, prefix: string): void => {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const rule = RULES[path];
      const existing = target[key];
      if (rule) {
        const problem = checkValue(path, rule, child);
        if (problem) problems.push(problem);
        else target[key] = child;
      } else if (isPlainObject(existing)) {
        if (isPlainObject(child)) walk(child, existing, path);
        else problems.push(`${path}: expected a mapping of keys, got ${describeValue(child)}`);
      } else {
        problems.push(`${path}: unknown key`);
      }
    }
  };
  walk(input, config, '');

  const typed = config as unknown as Config;
  if (typed.sync.total_timeout_ms < typed.sync.connect_timeout_ms) {
    problems.push('sync.total_timeout_ms: must not be shorter than sync.connect_timeout_ms');
  }
  const syncInput = isPlainObject(input.sync) ? input.sync : {};
  // Renewed three times per lease unless told otherwise, so that one slow renewal never lets it lapse.
  if (!('heartbeat_ms' in syncInput)) typed.sync.heartbeat_ms = Math.max(100, Math.floor(typed.sync.lease_ms / 3));
  problems.push(...leaseProblems(typed.sync));
  return { config: typed, problems };
}

/**
 * Lease and retry settings checked together: a combination in which a worker could hold a job
 * longer than its lease without renewing it, or would never sleep a wait it is configured to make.
 */
export function leaseProblems(sync: Config['sync']): string[] {
  const problems: string[] = [];
  if (sync.heartbeat_ms * 2 > sync.lease_ms) {
    problems.push(`sync.heartbeat_ms: ${sync.heartbeat_ms} ms renews the lease too rarely for sync.lease_ms ${sync.lease_ms} ms (at most half of it; a third by default) — a slow renewal would let the lease lapse and another worker take the job`);
  }
  if (sync.backoff_max_ms > sync.max_wait_ms) {
    problems.push(`sync.backoff_max_ms: ${sync.backoff_max_ms} ms is longer than sync.max_wait_ms ${sync.max_wait_ms} ms — such a backoff would never be slept; lower it or raise sync.max_wait_ms`);
  }
  return problems;
}
