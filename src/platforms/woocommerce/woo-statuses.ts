import type { CatalogueState } from '../platform-port.js';

/**
 * What WooCommerce core does on its own when an order enters a status (WC_Emails): these send the
 * customer an e-mail, and the REST API has no switch to stop them. `cancelled` and `failed` e-mail
 * the shop's admin, not the customer. Custom statuses of plugins: unknown, a plugin may mail.
 */
export const CUSTOMER_EMAIL_STATUSES: ReadonlySet<string> = new Set(['processing', 'completed', 'on-hold', 'refunded']);

/** The statuses WooCommerce core registers; anything else comes from a plugin. */
export const CORE_STATUSES: ReadonlySet<string> = new Set(['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft']);

/**
 * `refunded` is the one status ecom-sync treats as final: WooCommerce does not restore the stock or
 * the money when an order leaves it, so pushing an order out of it would lie about the shop.
 */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['refunded']);

export class MalformedWooRecordError extends Error {}

/** `GET /wc/v3/reports/orders/totals` → the catalogue: one state per slug, the shop's label as name. */
export function catalogueFromTotals(json: unknown): CatalogueState[] {
  if (!Array.isArray(json)) throw new MalformedWooRecordError('a report that is not a list of statuses');
  const seen = new Set<string>();
  return json.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) throw new MalformedWooRecordError(`status #${index + 1} that is not an object`);
    const record = item as Record<string, unknown>;
    const slug = typeof record.slug === 'string' ? record.slug.trim() : '';
    if (slug === '') throw new MalformedWooRecordError(`status #${index + 1} without a slug`);
    if (seen.has(slug)) throw new MalformedWooRecordError(`the status ${slug} twice`);
    seen.add(slug);
    const name = typeof record.name === 'string' && record.name.trim() !== '' ? record.name.trim() : slug;
    return {
      code: slug,
      platformId: null,
      name,
      deleted: false,
      sendsEmail: CUSTOMER_EMAIL_STATUSES.has(slug),
      final: FINAL_STATUSES.has(slug),
      paid: slug === 'processing' || slug === 'completed',
      shipped: slug === 'completed',
    };
  });
}
