/**
 * Where a REST route of WooCommerce lives. With pretty permalinks: `{base}/wp-json/wc/v3/orders`;
 * with WordPress's "Plain" permalinks the REST API is only reachable as `{base}/?rest_route=/wc/v3/orders`.
 */
export type RestRouteMode = 'pretty' | 'plain';

export type QueryParams = Array<[string, string]>;

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The URL without credentials: `/wp-json/wc/v3/orders/12?status=…` or `/?rest_route=/wc/v3/orders/12&…`. */
export function wooUrl(baseUrl: string, route: string, query: QueryParams, mode: RestRouteMode): string {
  const base = trimBase(baseUrl);
  const params = new URLSearchParams();
  if (mode === 'plain') params.append('rest_route', route);
  for (const [key, value] of query) params.append(key, value);
  const search = params.toString();
  if (mode === 'plain') return `${base}/?${search}`;
  return `${base}/wp-json${route}${search === '' ? '' : `?${search}`}`;
}

/** What messages and logs show of a request: the path (and rest_route), never the query's values. */
export function wooDisplayPath(baseUrl: string, route: string, mode: RestRouteMode): string {
  const basePath = new URL(trimBase(baseUrl)).pathname.replace(/\/+$/, '');
  return mode === 'plain' ? `${basePath}/?rest_route=${route}` : `${basePath}/wp-json${route}`;
}
