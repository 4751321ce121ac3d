import { KindGuard, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigSchema } from './config-schema.js';
import type { Config } from './config-types.js';
import { defaultConfig } from './defaults.js';
import { maskUrlCredentials } from '../logging/redact-url.js';

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

/** The problem with a value its key's schema rejects, in words the user acts on. */
function describeProblem(path: string, schema: TSchema, value: unknown): string {
  const got = describeValue(value);
  if (KindGuard.IsArray(schema)) return `${path}: expected ${schema.title ?? 'a list'}, got ${got}`;
  if (KindGuard.IsBoolean(schema)) return `${path}: expected true or false, got ${got}`;
  if (KindGuard.IsInteger(schema) || KindGuard.IsNumber(schema)) {
    const whole = KindGuard.IsInteger(schema);
    const isNumber = typeof value === 'number' && (whole ? Number.isInteger(value) : Number.isFinite(value));
    if (!isNumber) return `${path}: ${whole ? 'expected a whole number' : 'expected a number'}, got ${got}`;
    if (schema.minimum !== undefined && value < schema.minimum) return `${path}: must be at least ${schema.minimum}, got ${value}`;
    return `${path}: must be at most ${schema.maximum}, got ${value}`;
  }
  if (KindGuard.IsUnion(schema) && schema.anyOf.every((member) => KindGuard.IsLiteral(member))) {
    return `${path}: expected one of ${schema.anyOf.map((member) => String(member.const)).join(', ')}, got ${got}`;
  }
  const text = KindGuard.IsUnion(schema) ? schema.anyOf.find((member) => KindGuard.IsString(member)) : schema;
  if (typeof value !== 'string' || value === '' || !KindGuard.IsString(text)) return `${path}: expected a non-empty string, got ${got}`;
  return `${path}: expected ${text.title ?? text.pattern}, got ${got}`;
}

/**
 * Merges `input` over the defaults and checks every key against ConfigSchema, collecting every
 * problem (unknown keys included) in the order of the input instead of stopping at the first, so
 * that one run tells the user everything to fix. A rejected key keeps its default.
 */
export function validateConfig(input: unknown, source: string): ValidationResult {
  const config = defaultConfig();
  const problems: string[] = [];
  if (input === null || input === undefined) return { config, problems };
  if (!isPlainObject(input)) {
    return { config, problems: [`${source}: the top level must be a mapping of keys, got ${describeValue(input)}`] };
  }

  const walk = (schema: TObject, value: Record<string, unknown>, target: Record<string, unknown>, prefix: string): void => {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const keySchema = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (keySchema === undefined) {
        problems.push(`${path}: unknown key`);
      } else if (KindGuard.IsObject(keySchema)) {
        if (isPlainObject(child)) walk(keySchema, child, target[key] as Record<string, unknown>, path);
        else problems.push(`${path}: expected a mapping of keys, got ${describeValue(child)}`);
      } else if (Value.Check(keySchema, child)) {
        target[key] = child;
      } else {
        problems.push(describeProblem(path, keySchema, child));
      }
    }
  };
  walk(ConfigSchema, input, config as unknown as Record<string, unknown>, '');

  if (config.sync.total_timeout_ms < config.sync.connect_timeout_ms) {
    problems.push('sync.total_timeout_ms: must not be shorter than sync.connect_timeout_ms');
  }
  const syncInput = isPlainObject(input.sync) ? input.sync : {};
  // Renewed three times per lease unless told otherwise, so that one slow renewal never lets it lapse.
  if (!('heartbeat_ms' in syncInput)) config.sync.heartbeat_ms = Math.max(100, Math.floor(config.sync.lease_ms / 3));
  problems.push(...leaseProblems(config.sync));
  return { config, problems };
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
