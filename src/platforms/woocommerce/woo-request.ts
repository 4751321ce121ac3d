import { request, type Dispatcher } from 'undici';
import type { PlatformError } from '../../errors.js';
import { signUrlOAuth1, type OAuthSignatureMethod } from './oauth1-signature.js';
import { badResponse, errorFromWooNetwork, errorFromWooResponse, parseWooErrorBody, shortBodyText, type WooRequestContext } from './woo-errors.js';
import { wooDisplayPath, wooUrl, type QueryParams, type RestRouteMode } from './woo-url.js';

/**
 * - basic: HTTP Basic (key as user, secret as password), WooCommerce's way over HTTPS;
 * - query: consumer_key / consumer_secret in the query string, for servers that drop the
 *   Authorization header (HTTPS only on a real shop; never logged);
 * - oauth: OAuth 1.0a one-legged signing, the only way WooCommerce accepts over plain HTTP.
 */
export type WooAuthMode = 'basic' | 'query' | 'oauth';

export interface WooClientConfig {
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  auth: WooAuthMode;
  /** `auto`: /wp-json first, `?rest_route=` from the first answer that shows pretty permalinks are off. */
  restRoute: RestRouteMode | 'auto';
  storeId: number;
  storeName: string;
  dispatcher: Dispatcher;
  totalTimeoutMs: number;
  oauthSignatureMethod?: OAuthSignatureMethod;
}

export interface WooRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** `/wc/v3/orders/12` */
  route: string;
  query?: QueryParams;
  body?: unknown;
  orderId?: number;
  /** More values never to quote from an answer (a webhook secret sent in the body). */
  secrets?: string[];
  signal?: AbortSignal;
}

export interface WooResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  /** The context of the request, for bad-response errors. */
  ctx: WooRequestContext;
}

/** The wire URL with the credentials the auth mode puts into it (never shown anywhere). */
export function authenticatedUrl(config: WooClientConfig, method: string, url: string): string {
  if (config.auth === 'query') {
    const u = new URL(url);
    u.searchParams.append('consumer_key', config.consumerKey);
    u.searchParams.append('consumer_secret', config.consumerSecret);
    return u.toString();
  }
  if (config.auth === 'oauth') {
    return signUrlOAuth1({ method, url, consumerKey: config.consumerKey, consumerSecret: config.consumerSecret, signatureMethod: config.oauthSignatureMethod ?? 'HMAC-SHA256' });
  }
  return url;
}

/** One WooCommerce connection: remembers the rest_route mode once detected. */
export class WooTransport {
  private mode: RestRouteMode;
  private detected: boolean;

  constructor(private readonly config: WooClientConfig) {
    this.mode = config.restRoute === 'plain' ? 'plain' : 'pretty';
    this.detected = config.restRoute !== 'auto';
  }

  get routeMode(): RestRouteMode {
    return this.mode;
  }

  displayPath(route: string): string {
    return wooDisplayPath(this.config.baseUrl, route, this.mode);
  }

  /** The request as a preview shows it: URL without credentials. */
  previewUrl(route: string, query: QueryParams = []): string {
    return wooUrl(this.config.baseUrl, route, query, this.mode);
  }

  /**
   * One call. Resolves only for 2xx with a JSON body; throws a classified PlatformError otherwise.
   * Never repeats a request, except once under `auto` when /wp-json was not routed to the REST API
   * at all (an HTML 404: WordPress never saw a REST request, so nothing was applied).
   */
  async send(req: WooRequest): Promise<WooResponse> {
    const first = await this.sendOnce(req, this.mode);
    if (!this.detected && first.kind === 'not-rest') {
      this.mode = 'plain';
      this.detected = true;
      const second = await this.sendOnce(req, 'plain');
      if (second.kind === 'not-rest') throw second.error;
      return second.response;
    }
    if (first.kind === 'not-rest') throw first.error;
    if (!this.detected) this.detected = true;
    return first.response;
  }

  private async sendOnce(req: WooRequest, mode: RestRouteMode): Promise<{ kind: 'ok'; response: WooResponse } | { kind: 'not-rest'; error: PlatformError }> {
    const ctx: WooRequestContext = {
      storeId: this.config.storeId,
      storeName: this.config.storeName,
      method: req.method,
      path: wooDisplayPath(this.config.baseUrl, req.route, mode),
      write: req.method !== 'GET',
      ...(req.orderId === undefined ? {} : { orderId: req.orderId }),
      secrets: [this.config.consumerSecret, this.config.consumerKey, ...(req.secrets ?? [])],
    };
    const url = authenticatedUrl(this.config, req.method, wooUrl(this.config.baseUrl, req.route, req.query ?? [], mode));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.config.auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${this.config.consumerKey}:${this.config.consumerSecret}`).toString('base64')}`;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.config.totalTimeoutMs);
    const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);

    let status: number;
    let responseHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await request(url, { method: req.method, dispatcher: this.config.dispatcher, headers, ...(body === undefined ? {} : { body }), signal });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      const reason = req.signal?.aborted === true ? 'aborted' : timeout.aborted ? 'timeout' : 'network';
      throw errorFromWooNetwork(ctx, error, reason, this.config.totalTimeoutMs);
    }
    if (status < 200 || status >= 300) {
      const error = errorFromWooResponse(ctx, status, text, responseHeaders);
      // An HTML (or empty) 404 for /wp-json: pretty permalinks are off and WordPress showed its 404 page.
      const notRest = mode === 'pretty' && status === 404 && parseWooErrorBody(text) === null;
      return notRest ? { kind: 'not-rest', error } : Promise.reject(error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badResponse(ctx, `something that is not JSON (${shortBodyText(text) || 'empty body'})`);
    }
    return { kind: 'ok', response: { status, headers: responseHeaders, json, ctx } };
  }
}
