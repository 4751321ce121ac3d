import { request, type Dispatcher } from 'undici';
import { PlatformError } from '../../errors.js';
import { errorFromNetwork, errorFromResponse, looksLikeWebservice, notWebserviceError, type RequestContext } from './prestashop-errors.js';
import { webservicePath, webserviceUrl, type QueryParams, type WebserviceLocation } from './webservice-url.js';

export type WebserviceFormat = 'xml' | 'json';

/** One platform call as `-v` logs it: never the key, never the query (filters may carry customer data). */
export interface WebserviceCall {
  method: string;
  path: string;
  /** 0 when no answer came (network error, timeout). */
  status: number;
  ms: number;
}

export interface WebserviceClientConfig extends WebserviceLocation {
  baseUrl: string;
  apiKey: string;
  storeId: number;
  storeName: string;
  dispatcher: Dispatcher;
  /** Whole request, connection to last body byte (the spec: 30 s). */
  totalTimeoutMs: number;
  format: WebserviceFormat;
  /** Told about every call once it ended (for `-v` logs). */
  onCall?: (call: WebserviceCall) => void;
}

export interface WebserviceRequest {
  method: 'GET' | 'POST' | 'HEAD';
  /** `order_states`, `orders`, `order_histories`... */
  resource: string;
  query: QueryParams;
  /** XML: the webservice only accepts XML request bodies, whatever the output format. */
  body?: string;
  signal?: AbortSignal;
}

export interface WebserviceResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** `Basic base64(KEY + ":")`: the key is the user name, the password is empty. */
export function basicAuthorization(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
}

function requestHeaders(config: WebserviceClientConfig, withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: basicAuthorization(config.apiKey),
    accept: config.format === 'json' ? 'application/json' : 'application/xml, text/xml',
  };
  // Case-sensitive on PrestaShop's side: `JSON`, never `json` (which silently gives XML).
  if (config.format === 'json') headers['output-format'] = 'JSON';
  if (withBody) headers['content-type'] = 'application/xml; charset=utf-8';
  return headers;
}

/**
 * One webservice call. Resolves with the answer only for 2xx; throws a classified PlatformError for
 * any other status and for network failures, timeouts and aborts. Never repeats anything.
 */
export async function sendWebserviceRequest(config: WebserviceClientConfig, req: WebserviceRequest): Promise<WebserviceResponse> {
  const ctx: RequestContext = {
    storeId: config.storeId,
    storeName: config.storeName,
    method: req.method,
    path: webservicePath(config, req.resource),
    write: req.method === 'POST',
    apiKey: config.apiKey,
  };
  const timeout = AbortSignal.timeout(config.totalTimeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);

  let status = 0;
  let headers: Record<string, string | string[] | undefined>;
  let body: string;
  const started = performance.now();
  try {
    const response = await request(webserviceUrl(config, req.resource, req.query), {
      method: req.method,
      dispatcher: config.dispatcher,
      headers: requestHeaders(config, req.body !== undefined),
      ...(req.body === undefined ? {} : { body: req.body }),
      signal,
    });
    status = response.statusCode;
    headers = response.headers;
    body = await response.body.text();
  } catch (error) {
    if (error instanceof PlatformError) throw error;
    const reason = req.signal?.aborted === true ? 'aborted' : timeout.aborted ? 'timeout' : 'network';
    throw errorFromNetwork(ctx, error, reason, config.totalTimeoutMs);
  } finally {
    config.onCall?.({ method: req.method, path: ctx.path, status, ms: Math.round(performance.now() - started) });
  }
  if (status < 200 || status >= 300) throw errorFromResponse(ctx, status, body, headers);
  // A shop's front page (wrong base URL, no URL rewriting) answers 200 too: reads check that the webservice answered.
  if (!ctx.write && !looksLikeWebservice(headers, body)) throw notWebserviceError(ctx, status, body);
  return { status, headers, body };
}
