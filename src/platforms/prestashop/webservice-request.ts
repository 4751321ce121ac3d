import { request, type Dispatcher } from 'undici';
import { PlatformError } from '../../errors.js';
import { errorFromNetwork, errorFromResponse, type RequestContext } from './prestashop-errors.js';
import { webserviceRoot, webserviceUrl, type QueryParams } from './webservice-url.js';

export type WebserviceFormat = 'xml' | 'json';

export interface WebserviceClientConfig {
  baseUrl: string;
  apiKey: string;
  storeId: number;
  storeName: string;
  dispatcher: Dispatcher;
  /** Whole request, connection to last body byte (the spec: 30 s). */
  totalTimeoutMs: number;
  format: WebserviceFormat;
}

export interface WebserviceRequest {
  method: 'GET' | 'POST';
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
    path: `${new URL(webserviceRoot(config.baseUrl)).pathname}/${req.resource}`,
    write: req.method !== 'GET',
    apiKey: config.apiKey,
  };
  const timeout = AbortSignal.timeout(config.totalTimeoutMs);
  const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);

  let status: number;
  let headers: Record<string, string | string[] | undefined>;
  let body: string;
  try {
    const response = await request(webserviceUrl(config.baseUrl, req.resource, req.query), {
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
  }
  if (status < 200 || status >= 300) throw errorFromResponse(ctx, status, body, headers);
  return { status, headers, body };
}
