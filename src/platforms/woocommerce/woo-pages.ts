/** WordPress's paging headers, shared by every list ecom-sync reads (orders, webhooks). */

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether the shop says there is a page after this one (X-WP-TotalPages, or a Link rel="next"). */
export function hasNextPage(headers: Record<string, string | string[] | undefined>, page: number): boolean {
  const total = Number(headerValue(headers, 'x-wp-totalpages'));
  if (Number.isFinite(total) && headerValue(headers, 'x-wp-totalpages') !== undefined) return page < total;
  return /rel="?next"?/.test(headerValue(headers, 'link') ?? '');
}
