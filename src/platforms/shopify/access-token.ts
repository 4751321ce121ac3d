import { request, type Dispatcher } from 'undici';
import type { ShopifyClock } from './shopify-clock.js';
import { ShopifyPlatformError } from './shopify-errors.js';

/** Where the Admin API token comes from. The token is kept in memory only: never stored, logged or printed. */
export interface AccessTokenSource {
  /** A token valid now (fetched or refreshed when needed). */
  token(signal?: AbortSignal): Promise<string>;
  /** The shop refused `token` (401): forget it so the next call fetches another. False when nothing can be refreshed. */
  invalidate(token: string): boolean;
  /** Every secret to scrub from quoted text. */
  secrets(): string[];
}

/** A permanent Admin API access token (custom app). */
export function staticAccessToken(token: string): AccessTokenSource {
  return { token: () => Promise.resolve(token), invalidate: () => false, secrets: () => [token] };
}

export interface ClientCredentialsOptions {
  origin: string;
  clientId: string;
  clientSecret: string;
  dispatcher: Dispatcher;
  clock: ShopifyClock;
  totalTimeoutMs: number;
  /** Refresh this long before the announced expiry (default 5 min). */
  refreshMarginMs?: number;
  label: string;
}

interface HeldToken {
  value: string;
  expiresAt: number;
}

/**
 * The client-credentials grant (`POST /admin/oauth/access_token`): a token of about 24 h, fetched
 * when first needed, refreshed before it expires and once after the shop answers 401.
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): AccessTokenSource {
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  let held: HeldToken | null = null;
  let inFlight: Promise<HeldToken> | null = null;
  const secrets = (): string[] => [options.clientSecret, ...(held ? [held.value] : [])];

  async function fetchToken(signal?: AbortSignal): Promise<HeldToken> {
    const timeout = AbortSignal.timeout(options.totalTimeoutMs);
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret }).toString();
    let status: number;
    let text: string;
    try {
      const response = await request(`${options.origin}/admin/oauth/access_token`, {
        method: 'POST',
        dispatcher: options.dispatcher,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new ShopifyPlatformError('PLATFORM_UNREACHABLE', `${options.label}: the access token request failed (${error instanceof Error ? error.message : String(error)})`, { kind: 'retryable' }, { cause: error });
    }
    if (status === 400 || status === 401 || status === 403) {
      throw new ShopifyPlatformError('PLATFORM_UNAUTHORIZED', `${options.label}: Shopify refused the client id or secret (HTTP ${status} from /admin/oauth/access_token)`, {
        kind: 'credentials', message: 'the client-credentials grant was refused',
      }, { status, hint: 'Check the app\'s client id and secret in the Dev Dashboard, then: ecom-sync stores update ID --client-id ID --client-secret-env VAR' });
    }
    if (status < 200 || status >= 300) {
      throw new ShopifyPlatformError('PLATFORM_SERVER_ERROR', `${options.label}: /admin/oauth/access_token answered HTTP ${status}`, { kind: 'retryable' }, { status });
    }
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = {};
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') {
      throw new ShopifyPlatformError('PLATFORM_BAD_RESPONSE', `${options.label}: /admin/oauth/access_token answered without an access_token`, { kind: 'bad-response', message: 'no access_token in the answer' });
    }
    const expiresIn = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 86_399;
    return { value: parsed.access_token, expiresAt: options.clock.now() + expiresIn * 1000 };
  }

  return {
    async token(signal) {
      if (held && options.clock.now() < held.expiresAt - margin) return held.value;
      // Concurrent callers share one grant request.
      inFlight ??= fetchToken(signal).finally(() => {
        inFlight = null;
      });
      held = await inFlight;
      return held.value;
    },
    invalidate(token) {
      if (held?.value === token) held = null;
      return true;
    },
    secrets,
  };
}
