import { PlatformError } from '../../errors.js';
import type { CodeOfKind } from '../../error-codes.js';
import type { ErrorClass } from '../platform-port.js';
import { httpStatusLine, parseRetryAfterMs } from '../prestashop/prestashop-errors.js';

/** Who the request was for and what it was: every message names the store and the call. */
export interface WooRequestContext {
  storeId: number;
  storeName: string;
  method: string;
  /** Path (or rest_route) without the query string: the query may carry the consumer secret. */
  path: string;
  /** A PUT: after a failure once the request left, the outcome is unknown. */
  write: boolean;
  /** The order the request is about, for "unknown order" messages. */
  orderId?: number;
  /** Removed from any text quoted from an answer or a network error. */
  secrets: string[];
}

/** WooCommerce's error document. */
export interface WooErrorBody {
  code: string;
  message: string;
  status: number | null;
  params: Record<string, string>;
}

/** Replaces every secret (and its URL-encoded form) by `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  // Belt and braces: a URL quoted by a server or by undici never shows query credentials.
  return out.replace(/(consumer_secret|consumer_key|oauth_signature)=[^&\s"']*/g, '$1=***');
}

export function parseWooErrorBody(body: string): WooErrorBody | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const record = parsed as Record<string, unknown>;
    if (typeof record.code !== 'string' || typeof record.message !== 'string') return null;
    const data = typeof record.data === 'object' && record.data !== null ? (record.data as Record<string, unknown>) : {};
    const params: Record<string, string> = {};
    if (typeof data.params === 'object' && data.params !== null) {
      for (const [key, value] of Object.entries(data.params as Record<string, unknown>)) params[key] = String(value);
    }
    return { code: record.code, message: record.message, status: typeof data.status === 'number' ? data.status : null, params };
  } catch {
    return null;
  }
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsaquo: '›', lsaquo: '‹', ndash: '–', mdash: '—', hellip: '…' };

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
  return ENTITIES[name.toLowerCase()] ?? entity;
}

/** An HTML error page (host, proxy, PHP fatal error) in a few words: its title or first text, never the whole page. */
export function shortBodyText(body: string, max = 120): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/&(#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(entity, name))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function storeLabel(ctx: WooRequestContext): string {
  return `store ${ctx.storeName} (#${ctx.storeId})`;
}

function platformError(code: CodeOfKind<'platform'>, message: string, errorClass: ErrorClass, options: { status?: number; retryable?: boolean; outcomeUnknown?: boolean; retryAfterMs?: number; hint: string; details: Record<string, unknown>; cause?: unknown }): PlatformError {
  return new PlatformError(code, message, { ...options, details: { ...options.details, errorClass } });
}

const CREDENTIALS_HINT = (storeId: number) =>
  `Check the consumer key and secret in WooCommerce (Settings > Advanced > REST API), then run: ecom-sync stores update ${storeId} --api-key-env <CK_VAR> --api-secret-env <CS_VAR>`;

/**
 * Turns a non-2xx answer into a PlatformError carrying its ErrorClass (see classifyWooError):
 * credentials / permission / bad target from WooCommerce's codes; 429 throttled; 5xx retryable and,
 * after a PUT, outcome unknown; anything else refused.
 */
export function errorFromWooResponse(ctx: WooRequestContext, status: number, body: string, headers: Record<string, string | string[] | undefined>, now: number = Date.now()): PlatformError {
  const woo = parseWooErrorBody(body);
  const statusLine = httpStatusLine(status);
  const quoted = woo === null ? shortBodyText(redactSecrets(body, ctx.secrets)) : redactSecrets(woo.message, ctx.secrets);
  const suffix = quoted === '' ? '' : woo === null ? ` (${quoted})` : ` (${woo.code}: ${quoted})`;
  const call = `${ctx.method} ${ctx.path}`;
  const details = { status, statusLine, method: ctx.method, path: ctx.path, wooCode: woo?.code ?? null };
  const message = woo === null ? quoted : redactSecrets(woo.message, ctx.secrets);

  if (woo !== null && /does not have read permissions/i.test(woo.message)) {
    return platformError('PLATFORM_PERMISSION', `${storeLabel(ctx)}: the API key may only write — ${call}: ${statusLine}${suffix}`, { kind: 'permission', missing: 'read', message }, {
      status,
      details,
      hint: 'Give the key Read/Write permissions in WooCommerce (Settings > Advanced > REST API), or create a new Read/Write key.',
    });
  }
  if (woo !== null && /does not have write permissions/i.test(woo.message)) {
    return platformError('PLATFORM_PERMISSION', `${storeLabel(ctx)}: the API key may only read — ${call}: ${statusLine}${suffix}`, { kind: 'permission', missing: 'write', message }, {
      status,
      details,
      hint: 'Give the key Read/Write permissions in WooCommerce (Settings > Advanced > REST API), or create a new Read/Write key.',
    });
  }
  const credentialCodes = ['woocommerce_rest_cannot_view', 'woocommerce_rest_authentication_error', 'woocommerce_rest_cannot_edit', 'rest_forbidden', 'woocommerce_rest_cannot_create'];
  if ((woo !== null && (credentialCodes.includes(woo.code) || /consumer (secret|key) is invalid|invalid signature|oauth/i.test(woo.message))) || status === 401 || status === 403) {
    return platformError('PLATFORM_UNAUTHORIZED', `${storeLabel(ctx)}: the platform refused the consumer key — ${call}: ${statusLine}${suffix}`, { kind: 'credentials', message: message === '' ? statusLine : message }, {
      status,
      details,
      hint: CREDENTIALS_HINT(ctx.storeId),
    });
  }
  if (woo !== null && woo.code === 'rest_invalid_param') {
    const named = Object.entries(woo.params).map(([param, why]) => `${param}: ${redactSecrets(why, ctx.secrets)}`);
    const text = named.length > 0 ? `invalid parameter ${named.join('; ')}` : message;
    return platformError('PLATFORM_INVALID_PARAM', `${storeLabel(ctx)}: ${call} was rejected — ${text}`, { kind: 'bad-target', message: text }, {
      status,
      details: { ...details, params: Object.keys(woo.params) },
      hint: 'The shop does not accept this value (for a status: is its slug still registered? run `ecom-sync states pull`).',
    });
  }
  if (woo !== null && (woo.code === 'woocommerce_rest_shop_order_invalid_id' || woo.code === 'woocommerce_rest_invalid_id')) {
    const text = `order ${ctx.orderId ?? '?'} does not exist on the shop (${woo.message})`;
    return platformError('PLATFORM_ORDER_NOT_FOUND', `${storeLabel(ctx)}: ${call}: ${text}`, { kind: 'bad-target', message: text }, {
      status,
      details,
      hint: 'The order was deleted on the shop or belongs to another store.',
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(headers['retry-after'], now) ?? 60_000;
    return platformError('PLATFORM_RATE_LIMITED', `${storeLabel(ctx)}: ${call} was rate limited — ${statusLine}${suffix}`, { kind: 'throttled', retryAfterMs }, {
      status,
      retryable: true,
      retryAfterMs,
      details,
      hint: 'The host or its firewall limits requests; lower the per-store concurrency if this happens often.',
    });
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfterMs(headers['retry-after'], now);
    return platformError('PLATFORM_SERVER_ERROR', `${storeLabel(ctx)}: ${call} failed — ${statusLine}${suffix}`, ctx.write ? { kind: 'outcome-unknown' } : { kind: 'retryable', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }, {
      status,
      retryable: true,
      outcomeUnknown: ctx.write,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      details,
      hint: ctx.write ? 'WooCommerce may have saved the status before failing; the order is read back before any new attempt.' : 'The shop failed to answer; it is retried.',
    });
  }
  return platformError('PLATFORM_REJECTED', `${storeLabel(ctx)}: ${call} was rejected — ${statusLine}${suffix}`, { kind: 'refused', message: `${statusLine}${suffix}` }, {
    status,
    details,
    hint: 'The shop refused the request as sent; repeating it will not help.',
  });
}

function networkCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** No answer: after a PUT left, whether WooCommerce saved it cannot be known. A refused connection carried nothing. */
export function errorFromWooNetwork(ctx: WooRequestContext, error: unknown, reason: 'timeout' | 'aborted' | 'network', totalTimeoutMs: number): PlatformError {
  const call = `${storeLabel(ctx)}: ${ctx.method} ${ctx.path}`;
  const code = networkCode(error);
  const details = { method: ctx.method, path: ctx.path, networkCode: code };
  if (reason === 'aborted') {
    return platformError('PLATFORM_ABORTED', `${call} was cancelled before the platform answered`, ctx.write ? { kind: 'outcome-unknown' } : { kind: 'retryable' }, {
      outcomeUnknown: ctx.write,
      details,
      hint: 'The request was cancelled (shutdown).',
    });
  }
  if (reason === 'timeout' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return platformError('PLATFORM_TIMEOUT', `${call} got no complete answer within ${totalTimeoutMs} ms`, ctx.write ? { kind: 'outcome-unknown' } : { kind: 'retryable' }, {
      retryable: true,
      outcomeUnknown: ctx.write,
      details,
      hint: 'The shop is slow or unreachable; the request is retried (a write only after reading the order back).',
    });
  }
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
  const cause = redactSecrets(error instanceof Error ? error.message : String(error), ctx.secrets);
  const unknown = ctx.write && !neverSent;
  return platformError('PLATFORM_UNREACHABLE', `${call} failed: ${cause}${code === '' ? '' : ` [${code}]`}`, unknown ? { kind: 'outcome-unknown' } : { kind: 'retryable' }, {
    retryable: true,
    outcomeUnknown: unknown,
    details,
    hint: 'Check the store URL and that the shop is online.',
  });
}

export function badResponse(ctx: Pick<WooRequestContext, 'storeId' | 'storeName' | 'method' | 'path' | 'write'>, what: string): PlatformError {
  const message = `${storeLabel(ctx as WooRequestContext)}: ${ctx.method} ${ctx.path} answered ${what}`;
  return platformError('PLATFORM_BAD_RESPONSE', message, ctx.write ? { kind: 'outcome-unknown' } : { kind: 'bad-response', message: what }, {
    outcomeUnknown: ctx.write,
    details: { method: ctx.method, path: ctx.path },
    hint: ctx.write ? 'The answer does not prove the change; the order is read back before any new attempt.' : 'A plugin or proxy may alter the REST answers; check the shop.',
  });
}

/** The ErrorClass the client attached; anything else is a bug of ours or the caller's abort. */
export function classifyWooError(error: unknown): ErrorClass {
  if (error instanceof PlatformError) {
    const attached = error.details?.errorClass as ErrorClass | undefined;
    if (attached !== undefined) return attached;
    if (error.outcomeUnknown) return { kind: 'outcome-unknown' };
    if (error.retryable) return error.retryAfterMs === undefined ? { kind: 'retryable' } : { kind: 'retryable', retryAfterMs: error.retryAfterMs };
    return { kind: 'refused', message: error.message };
  }
  return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
}
