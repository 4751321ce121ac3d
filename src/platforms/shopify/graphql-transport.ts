import { request, type Dispatcher } from 'undici';
import type { CodeOfKind } from '../../error-codes.js';
import type { AccessTokenSource } from './access-token.js';
import { CostBucket, throttledWaitMs, type ThrottleStatus } from './cost-throttle.js';
import type { ShopifyDocument } from './graphql/index.js';
import type { ShopifyClock } from './shopify-clock.js';
import { redact, scopeFromAccessDenied, ShopifyPlatformError } from './shopify-errors.js';

export interface GraphqlTransportOptions {
  endpoint: string;
  label: string;
  storeId: number;
  tokens: AccessTokenSource;
  dispatcher: Dispatcher;
  clock: ShopifyClock;
  totalTimeoutMs: number;
  /** The longest throttling wait done here; a longer one is handed to the caller as `throttled`. */
  maxThrottleWaitMs: number;
  /** THROTTLED answers retried in one call (each after its wait) before giving up as `throttled`. */
  maxThrottledRetries?: number;
  /** Told about each request sent (for counts in tests and benchmarks). */
  onRequest?(document: ShopifyDocument): void;
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string; requiredAccess?: string; cost?: number; maxCost?: number };
}

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[] | string;
  extensions?: { cost?: { requestedQueryCost?: number; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus } };
}

export interface GraphqlCall {
  variables: Record<string, unknown>;
  signal?: AbortSignal;
}

/**
 * Sends one operation to `/admin/api/{version}/graphql.json`. Waits for the cost bucket, retries a
 * THROTTLED answer (nothing was executed), refreshes the token once after a 401; never repeats a
 * mutation that may have been executed (5xx, dropped connection, unreadable answer).
 */
export class GraphqlTransport {
  readonly bucket: CostBucket;
  /** Requested cost Shopify reported per operation: better than the estimate for the next wait. */
  private readonly knownCost = new Map<string, number>();

  constructor(private readonly options: GraphqlTransportOptions) {
    this.bucket = new CostBucket(options.clock);
  }

  async send<T>(document: ShopifyDocument, call: GraphqlCall): Promise<T> {
    const write = document.kind === 'mutation';
    let refreshed = false;
    let throttledRetries = 0;
    for (;;) {
      const cost = this.knownCost.get(document.name) ?? document.estimatedCost;
      const release = await this.acquireBucket(document, cost, call.signal);
      let answer: { status: number; text: string; token: string };
      try {
        answer = await this.post(document, call);
      } finally {
        release();
      }
      if (answer.status === 401) {
        if (!refreshed && this.options.tokens.invalidate(answer.token)) {
          refreshed = true;
          continue;
        }
        throw this.error('PLATFORM_UNAUTHORIZED', `Shopify refused the access token (HTTP 401) for ${document.name}`, { kind: 'credentials', message: 'the Admin API access token was refused' }, answer.status, {
          hint: `Check the app's token or client credentials, then: ecom-sync stores update ${this.options.storeId} --api-key-env VAR (or --client-secret-env VAR)`,
        });
      }
      const parsed = this.parse(document, answer);
      const cost0 = parsed.extensions?.cost;
      if (cost0?.throttleStatus) this.bucket.observe(cost0.throttleStatus);
      if (typeof cost0?.requestedQueryCost === 'number') this.knownCost.set(document.name, cost0.requestedQueryCost);
      // Shopify sends `errors` as a string for HTTP-level failures (401, 5xx) and as a list for GraphQL ones.
      const errors: GraphqlError[] = typeof parsed.errors === 'string' ? [{ message: parsed.errors }] : Array.isArray(parsed.errors) ? parsed.errors : [];
      if (errors.some((e) => e.extensions?.code === 'THROTTLED') || answer.status === 429) {
        const requested = cost0?.requestedQueryCost ?? cost;
        const status = cost0?.throttleStatus ?? null;
        if (status && requested > status.maximumAvailable) {
          throw this.error('SHOPIFY_QUERY_TOO_COSTLY', `${document.name} costs ${requested} points, more than the shop's bucket holds (${status.maximumAvailable})`, {
            kind: 'refused', message: `query cost ${requested} > bucket ${status.maximumAvailable}`,
          }, answer.status, { details: { requestedQueryCost: requested, maximumAvailable: status.maximumAvailable } });
        }
        const wait = throttledWaitMs(status, requested);
        throttledRetries += 1;
        if (wait > this.options.maxThrottleWaitMs || throttledRetries > (this.options.maxThrottledRetries ?? 5)) {
          throw this.throttled(document, wait);
        }
        await this.options.clock.sleep(wait, call.signal);
        continue;
      }
      if (answer.status >= 500) {
        throw write
          ? this.error('PLATFORM_SERVER_ERROR', `${document.name} answered HTTP ${answer.status}: the change may have been applied`, { kind: 'outcome-unknown' }, answer.status)
          : this.error('PLATFORM_SERVER_ERROR', `${document.name} answered HTTP ${answer.status}`, { kind: 'retryable' }, answer.status);
      }
      if (errors.length > 0) throw this.fromErrors(document, errors, answer.status, cost0?.requestedQueryCost);
      if (answer.status < 200 || answer.status >= 300) {
        throw this.error('PLATFORM_REJECTED', `${document.name} was rejected with HTTP ${answer.status}`, { kind: 'refused', message: `HTTP ${answer.status}` }, answer.status);
      }
      if (parsed.data === null || parsed.data === undefined || typeof parsed.data !== 'object') {
        throw this.error('PLATFORM_BAD_RESPONSE', `${document.name} answered without data`, write ? { kind: 'outcome-unknown' } : { kind: 'bad-response', message: 'no data in the answer' }, answer.status);
      }
      return parsed.data as T;
    }
  }

  /**
   * Waits until the bucket holds the cost, then reserves it in the same synchronous step: requests
   * of one store that waited together check again after their sleep, so only as many go as the
   * bucket covers (sending them all at once was a THROTTLED answer for all but one). The waits of
   * one call add up to at most maxThrottleWaitMs; beyond that the caller gets `throttled`.
   */
  private async acquireBucket(document: ShopifyDocument, cost: number, signal?: AbortSignal): Promise<() => void> {
    let waited = 0;
    for (;;) {
      const maximum = this.bucket.maximum;
      const needed = maximum === null ? cost : Math.min(cost, maximum);
      const wait = this.bucket.waitFor(needed);
      if (wait === 0) return this.bucket.reserve(cost);
      if (waited + wait > this.options.maxThrottleWaitMs) throw this.throttled(document, wait);
      await this.options.clock.sleep(wait, signal);
      waited += wait;
    }
  }

  private async post(document: ShopifyDocument, call: GraphqlCall): Promise<{ status: number; text: string; token: string }> {
    const token = await this.options.tokens.token(call.signal);
    const timeout = AbortSignal.timeout(this.options.totalTimeoutMs);
    const signal = call.signal === undefined ? timeout : AbortSignal.any([timeout, call.signal]);
    this.options.onRequest?.(document);
    try {
      const response = await request(this.options.endpoint, {
        method: 'POST',
        dispatcher: this.options.dispatcher,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query: document.text, variables: call.variables }),
        signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, text, token };
    } catch (error) {
      const reason = call.signal?.aborted === true ? 'was cancelled' : timeout.aborted ? `got no answer within ${this.options.totalTimeoutMs} ms` : `failed (${error instanceof Error ? error.message : String(error)})`;
      const code = call.signal?.aborted === true ? 'PLATFORM_ABORTED' : timeout.aborted ? 'PLATFORM_TIMEOUT' : 'PLATFORM_UNREACHABLE';
      // A mutation that left may have been applied: the caller reads the order before any repeat.
      throw this.error(code, `${document.name} ${reason}${document.kind === 'mutation' ? ': the change may have been applied' : ''}`, document.kind === 'mutation' ? { kind: 'outcome-unknown' } : { kind: 'retryable' }, undefined, { cause: error });
    }
  }

  private parse(document: ShopifyDocument, answer: { status: number; text: string }): GraphqlAnswer {
    try {
      const parsed = JSON.parse(answer.text) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as GraphqlAnswer;
    } catch {
      // handled below
    }
    if (answer.status >= 500) return {};
    const snippet = redact(answer.text.slice(0, 200), this.options.tokens.secrets());
    throw this.error('PLATFORM_BAD_RESPONSE', `${document.name} answered HTTP ${answer.status} with something that is not JSON: ${JSON.stringify(snippet)}`,
      document.kind === 'mutation' && answer.status >= 200 && answer.status < 300 ? { kind: 'outcome-unknown' } : { kind: 'bad-response', message: snippet }, answer.status);
  }

  private fromErrors(document: ShopifyDocument, errors: GraphqlError[], status: number, requestedCost: number | undefined): ShopifyPlatformError {
    const secrets = this.options.tokens.secrets();
    const messages = errors.map((e) => redact(e.message, secrets)).join('; ');
    const denied = errors.find((e) => e.extensions?.code === 'ACCESS_DENIED');
    if (denied) {
      const scope = scopeFromAccessDenied(denied.message, denied.extensions?.requiredAccess);
      return this.error('PLATFORM_PERMISSION', `${document.name}: the app lacks the scope ${scope} (${messages})`, { kind: 'permission', missing: scope, message: messages }, status, {
        hint: `Grant ${scope} to the app (Dev Dashboard or the custom app's Admin API scopes), reinstall it, then run: ecom-sync stores check ${this.options.storeId}`,
      });
    }
    if (errors.some((e) => e.extensions?.code === 'MAX_COST_EXCEEDED')) {
      return this.error('SHOPIFY_QUERY_TOO_COSTLY', `${document.name}: ${messages}`, { kind: 'refused', message: messages }, status, { details: { requestedQueryCost: requestedCost } });
    }
    return this.error('SHOPIFY_GRAPHQL_ERROR', `${document.name} was refused: ${messages}`, { kind: 'refused', message: messages }, status);
  }

  private throttled(document: ShopifyDocument, waitMs: number): ShopifyPlatformError {
    return this.error('PLATFORM_RATE_LIMITED', `${document.name}: the shop's cost bucket needs ${waitMs} ms to refill; not waiting that long here`, { kind: 'throttled', retryAfterMs: waitMs });
  }

  private error(code: CodeOfKind<'platform'>, message: string, errorClass: ShopifyPlatformError['errorClass'], status?: number, extra: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}): ShopifyPlatformError {
    return new ShopifyPlatformError(code, `${this.options.label}: ${message}`, errorClass, { ...(status === undefined ? {} : { status }), ...extra });
  }
}
