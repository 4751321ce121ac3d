import { STATUS_CODES } from 'node:http';
import { PlatformError } from '../../errors.js';
import { parseErrorBody, type WebserviceErrorEntry } from './error-body-parser.js';

/** Who the request was for and what it was: every message names the store and the call. */
export interface RequestContext {
  storeId: number;
  storeName: string;
  method: string;
  /** Path without the query string (filters may carry customer data; never the key). */
  path: string;
  /** A write whose outcome is unknown after a failure (POST): the caller must read before repeating. */
  write: boolean;
  /** Removed from any text quoted from a response, should a server echo it. */
  apiKey: string;
}

/** `HTTP 401 Unauthorized`, the form the spec's log lines use. */
export function httpStatusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `HTTP ${status}` : `HTTP ${status} ${text}`;
}

function storeLabel(ctx: Pick<RequestContext, 'storeId' | 'storeName'>): string {
  return `store ${ctx.storeName} (#${ctx.storeId})`;
}

function redact(text: string, apiKey: string): string {
  return apiKey.length > 0 ? text.split(apiKey).join('***') : text;
}

function describeEntries(entries: WebserviceErrorEntry[]): string {
  return entries
    .map((entry) => (entry.code === null ? entry.message : `PrestaShop error ${entry.code}: ${entry.message}`))
    .join('; ');
}

/** Seconds or an HTTP date, as RFC 9110 allows; anything else is ignored. */
export function parseRetryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

type Headers = Record<string, string | string[] | undefined>;

function headerText(headers: Headers, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? '';
}

/**
 * Whether an answer came from PrestaShop's webservice: it sends `PSWS-Version` / `X-Powered-By:
 * PrestaShop Webservice` (or its Basic challenge), and its bodies are XML or JSON. A shop's front
 * page (a wrong base URL, `/api` without URL rewriting) is HTML without those headers.
 */
export function looksLikeWebservice(headers: Headers, body: string): boolean {
  if (headerText(headers, 'psws-version') !== '' || /PrestaShop Webservice/i.test(headerText(headers, 'x-powered-by'))) return true;
  if (/PrestaShop/i.test(headerText(headers, 'www-authenticate'))) return true;
  // A web page, not PHP's plain error text (which a crashing webservice prints without its headers).
  return !/<(!doctype html|html[\s>]|head[\s>]|title[\s>]|body[\s>])/i.test(body.slice(0, 2000));
}

export function notWebserviceError(ctx: RequestContext, status: number, body: string): PlatformError {
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  return new PlatformError('PLATFORM_NOT_WEBSERVICE', `${storeLabel(ctx)}: ${ctx.method} ${ctx.path} answered ${httpStatusLine(status)} with a web page${title ? ` ("${redact(title, ctx.apiKey)}")` : ''}: this URL does not look like a PrestaShop webservice`, {
    status,
    details: { status, statusLine: httpStatusLine(status), method: ctx.method, path: ctx.path },
    hint: `Check the store's base URL (the shop's root, the webservice being under /api) and that the webservice is enabled (Advanced Parameters > Webservice). A shop without URL rewriting serves it at /webservice/dispatcher.php: ecom-sync stores update ${ctx.storeId} --no-rewrite`,
  });
}

/** PrestaShop's names of the permission checkboxes (Advanced Parameters > Webservice > key). */
const PERMISSION_COLUMNS: Record<string, string> = { GET: 'View (GET)', HEAD: 'Fast view (HEAD)', POST: 'Add (POST)', PUT: 'Modify (PUT)', DELETE: 'Delete (DELETE)' };

/** `orders` of `/api/orders` or `/webservice/dispatcher.php?url=orders`. */
function resourceOf(path: string): string {
  const url = /[?&]url=([^&/]+)/.exec(path)?.[1];
  if (url !== undefined) return url;
  return path.replace(/\/+$/, '').split('/').filter((s) => s !== '').pop() ?? path;
}

/** A working key without the permission for this resource or method (401 code 26, 405 code 25): not a refused key. */
export function permissionError(ctx: Pick<RequestContext, 'storeId' | 'storeName' | 'method' | 'path'>, resource: string, method: string, status: number, detail: string): PlatformError {
  const column = PERMISSION_COLUMNS[method] ?? method;
  return new PlatformError('PLATFORM_PERMISSION', `${storeLabel(ctx)}: the API key has no permission to ${method} ${resource}${detail === '' ? '' : ` (${detail})`}`, {
    status,
    details: { status, statusLine: httpStatusLine(status), method, path: ctx.path, resource, permission: { resource, method } },
    hint: `In PrestaShop: Advanced Parameters > Webservice > edit this key, tick ${column} for "${resource}" and save. The key itself works; nothing else needs changing.`,
  });
}

/**
 * Turns a non-2xx answer into a PlatformError:
 * - 5xx: retryable, and for a write the outcome is unknown (PrestaShop often saves, then fails);
 * - 429: retryable after Retry-After, nothing was applied;
 * - 401 code 26 / 405 code 25: a missing permission of a working key (PLATFORM_PERMISSION), never retried;
 * - other 401/403: the key is refused, not retryable, the user must update it;
 * - an HTML page where the webservice should be: PLATFORM_NOT_WEBSERVICE (wrong base URL);
 * - other 4xx: rejected, never retried.
 */
export function errorFromResponse(ctx: RequestContext, status: number, body: string, headers: Record<string, string | string[] | undefined>): PlatformError {
  if (((status >= 200 && status < 400) || status === 403 || status === 404 || status === 405 || status === 410) && !looksLikeWebservice(headers, body)) {
    return notWebserviceError(ctx, status, body);
  }
  const parsed = parseErrorBody(body);
  const statusLine = httpStatusLine(status);
  const entries = parsed.entries.map((entry) => ({ code: entry.code, message: redact(entry.message, ctx.apiKey) }));
  const snippet = parsed.text === null ? null : redact(parsed.text, ctx.apiKey);
  const detailText = entries.length > 0 ? describeEntries(entries) : snippet;
  const suffix = detailText === null || detailText === '' ? '' : ` (${detailText})`;
  const details = { status, statusLine, method: ctx.method, path: ctx.path, errors: entries };

  const permission = entries.find((entry) => (status === 401 && entry.code === 26) || (status === 405 && entry.code === 25));
  if (permission) return permissionError(ctx, resourceOf(ctx.path), ctx.method, status, describeEntries([permission]));
  if (status === 401 || status === 403) {
    return new PlatformError('PLATFORM_UNAUTHORIZED', `${storeLabel(ctx)}: the platform refused the API key — ${statusLine}${suffix}`, {
      status,
      details,
      hint: `Check the key in PrestaShop (Advanced Parameters > Webservice: active, with permissions on orders, order_states and order_histories), then run: ecom-sync stores update ${ctx.storeId} --api-key-env <ENV_VAR_WITH_THE_KEY>`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(headers['retry-after']);
    return new PlatformError('PLATFORM_RATE_LIMITED', `${storeLabel(ctx)}: ${ctx.method} ${ctx.path} was rate limited — ${statusLine}${suffix}`, {
      status,
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      details,
      hint: 'The shop or its firewall limits requests; lower the per-store concurrency if this happens often.',
    });
  }
  if (status >= 500) {
    return new PlatformError('PLATFORM_SERVER_ERROR', `${storeLabel(ctx)}: ${ctx.method} ${ctx.path} failed — ${statusLine}${suffix}`, {
      status,
      retryable: true,
      outcomeUnknown: ctx.write,
      details,
      hint: ctx.write ? 'PrestaShop may have applied the change before failing; the order state is read back before any new attempt.' : 'The shop failed to answer; it is retried.',
    });
  }
  return new PlatformError('PLATFORM_REJECTED', `${storeLabel(ctx)}: ${ctx.method} ${ctx.path} was rejected — ${statusLine}${suffix}`, {
    status,
    details,
    hint: 'The platform refused the request as sent; repeating it will not help. Check that the order and state exist on the shop.',
  });
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/**
 * A request that got no answer. Whether a POST reached PrestaShop cannot be known: the outcome is
 * unknown for writes (except when the connection was never opened), and the call is retryable.
 * A caller's own abort (shutdown) is not retryable.
 */
export function errorFromNetwork(ctx: RequestContext, error: unknown, reason: 'timeout' | 'aborted' | 'network', totalTimeoutMs: number): PlatformError {
  const label = `${storeLabel(ctx)}: ${ctx.method} ${ctx.path}`;
  const code = errorCode(error);
  if (reason === 'aborted') {
    return new PlatformError('PLATFORM_ABORTED', `${label} was cancelled before the platform answered`, {
      cause: error,
      outcomeUnknown: ctx.write,
      details: { method: ctx.method, path: ctx.path },
    });
  }
  if (reason === 'timeout' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new PlatformError('PLATFORM_TIMEOUT', `${label} got no complete answer within ${totalTimeoutMs} ms`, {
      cause: error,
      retryable: true,
      outcomeUnknown: ctx.write,
      details: { method: ctx.method, path: ctx.path },
      hint: 'The shop is slow or unreachable; the request is retried (a write only after reading the order state back).',
    });
  }
  // A refused or timed-out connection never carried the request: nothing can have been applied.
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
  const cause = error instanceof Error ? redact(error.message, ctx.apiKey) : String(error);
  return new PlatformError('PLATFORM_UNREACHABLE', `${label} failed: ${cause}${code === '' ? '' : ` [${code}]`}`, {
    cause: error,
    retryable: true,
    outcomeUnknown: ctx.write && !neverSent,
    details: { method: ctx.method, path: ctx.path, networkCode: code },
    hint: 'Check the store base URL and that the shop is online.',
  });
}
