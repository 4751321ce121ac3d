/** Query parameters in order; PrestaShop reads `filter[...]`, `display`, `sort`, `limit`, `date`, `language`. */
export type QueryParams = ReadonlyArray<readonly [string, string]>;

/**
 * The webservice root of a store: `base_url` may be the shop root (`https://shop.example`,
 * `https://host/shop/`) or already end in `/api`.
 */
export function webserviceRoot(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  return /\/api$/i.test(trimmed) ? trimmed : `${trimmed}/api`;
}

/**
 * Percent-encodes keys and values completely (`[` `]` `|` `>` `,` and spaces included, spaces as
 * `%20` not `+`). PHP decodes `filter%5Bid%5D=%5B1%7C2%5D` into `$_GET['filter']['id'] = '[1|2]'`
 * exactly like the raw form, and strict servers and proxies that reject raw brackets accept it.
 */
export function encodeQuery(params: QueryParams): string {
  return params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

export function webserviceUrl(baseUrl: string, resource: string, params: QueryParams): string {
  const query = encodeQuery(params);
  return `${webserviceRoot(baseUrl)}/${resource}${query === '' ? '' : `?${query}`}`;
}

/** `[1|2|3]`: PrestaShop's OR filter over ids. */
export function idFilter(ids: readonly number[]): string {
  return `[${ids.join('|')}]`;
}
