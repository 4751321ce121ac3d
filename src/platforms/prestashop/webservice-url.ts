/** Query parameters in order; PrestaShop reads `filter[...]`, `display`, `sort`, `limit`, `date`, `language`. */
export type QueryParams = ReadonlyArray<readonly [string, string]>;

/** Where a shop serves its webservice and in which store context (multistore). */
export interface WebserviceLocation {
  baseUrl: string;
  /**
   * false for a shop without URL rewriting: the webservice is `/webservice/dispatcher.php?url=<resource>`
   * instead of `/api/<resource>` (both are PrestaShop's own front controller). Default true.
   */
  urlRewrite?: boolean;
  /** Multistore: `id_shop=N` on every request, so that reads and writes happen in that shop's context. */
  shopId?: number | null;
  /** Multistore: `id_group_shop=N` for a shop group (when no shop id is set). */
  shopGroupId?: number | null;
}

/** The shop root of a `base_url` that may end in `/api` or `/webservice/dispatcher.php`. */
export function shopRoot(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').replace(/\/(api|webservice\/dispatcher\.php)$/i, '');
}

/**
 * The webservice root of a store: `base_url` may be the shop root (`https://shop.example`,
 * `https://host/shop/`) or already end in `/api`.
 */
export function webserviceRoot(baseUrl: string): string {
  return `${shopRoot(baseUrl)}/api`;
}

/**
 * Percent-encodes keys and values completely (`[` `]` `|` `>` `,` and spaces included, spaces as
 * `%20` not `+`). PHP decodes `filter%5Bid%5D=%5B1%7C2%5D` into `$_GET['filter']['id'] = '[1|2]'`
 * exactly like the raw form, and strict servers and proxies that reject raw brackets accept it.
 */
export function encodeQuery(params: QueryParams): string {
  return params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

/** The store context parameters sent on every request of a multistore store. */
export function shopContextParams(location: WebserviceLocation): QueryParams {
  if (location.shopId !== undefined && location.shopId !== null) return [['id_shop', String(location.shopId)]];
  if (location.shopGroupId !== undefined && location.shopGroupId !== null) return [['id_group_shop', String(location.shopGroupId)]];
  return [];
}

/** The path a request goes to, without the query: `/api/orders` or `/webservice/dispatcher.php` (for logs and errors). */
export function webservicePath(location: WebserviceLocation, resource: string): string {
  const root = new URL(shopRoot(location.baseUrl)).pathname.replace(/\/+$/, '');
  return location.urlRewrite === false ? `${root}/webservice/dispatcher.php?url=${resource}` : `${root}/api/${resource}`;
}

export function webserviceUrl(baseUrlOrLocation: string | WebserviceLocation, resource: string, params: QueryParams): string {
  const location = typeof baseUrlOrLocation === 'string' ? { baseUrl: baseUrlOrLocation } : baseUrlOrLocation;
  const all = [...params, ...shopContextParams(location)];
  if (location.urlRewrite === false) {
    const query = encodeQuery([['url', resource], ...all]);
    return `${shopRoot(location.baseUrl)}/webservice/dispatcher.php?${query}`;
  }
  const query = encodeQuery(all);
  return `${webserviceRoot(location.baseUrl)}/${resource}${query === '' ? '' : `?${query}`}`;
}

/** `[1|2|3]`: PrestaShop's OR filter over ids. */
export function idFilter(ids: readonly number[]): string {
  return `[${ids.join('|')}]`;
}
