import type { CatalogueState } from '../platform-port.js';

/** Shopify has no state catalogue: ecom-sync offers one code per action it can push. */
export type ShopifyStateCode = 'open' | 'paid' | 'fulfilled' | 'cancelled' | 'closed';

/** Stable `id_platform_state` numbers, never reused nor renumbered. */
export const SHOPIFY_STATE_NUMBERS: Readonly<Record<ShopifyStateCode, number>> = { open: 1, paid: 2, fulfilled: 3, cancelled: 4, closed: 5 };

export const SHOPIFY_STATE_CODES = Object.keys(SHOPIFY_STATE_NUMBERS) as ShopifyStateCode[];

export function isShopifyStateCode(code: string): code is ShopifyStateCode {
  return Object.hasOwn(SHOPIFY_STATE_NUMBERS, code);
}

export const SHOPIFY_CATALOGUE: readonly CatalogueState[] = [
  { code: 'open', platformId: 1, name: 'Open', deleted: false, sendsEmail: false, final: false },
  { code: 'paid', platformId: 2, name: 'Paid', deleted: false, sendsEmail: false, final: false, paid: true },
  { code: 'fulfilled', platformId: 3, name: 'Fulfilled', deleted: false, sendsEmail: true, final: false, shipped: true },
  { code: 'cancelled', platformId: 4, name: 'Cancelled', deleted: false, sendsEmail: true, final: true },
  { code: 'closed', platformId: 5, name: 'Closed', deleted: false, sendsEmail: false, final: false },
];

/** The state fields of an order as the queries read them. */
export interface ShopifyOrderStateFields {
  closed: boolean;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
}

/** The one code an order is in: cancelled, else closed, else fulfilled, else paid, else open. */
export function derivedStateCode(order: ShopifyOrderStateFields): ShopifyStateCode {
  if (order.cancelledAt !== null) return 'cancelled';
  if (order.closed) return 'closed';
  if (order.displayFulfillmentStatus === 'FULFILLED') return 'fulfilled';
  if (order.displayFinancialStatus === 'PAID') return 'paid';
  return 'open';
}

/** Fulfillment order statuses `fulfillmentCreate` accepts. */
export const FULFILLABLE_STATUSES: ReadonlySet<string> = new Set(['OPEN', 'IN_PROGRESS']);

export function orderGid(idOrigin: number): string {
  return `gid://shopify/Order/${idOrigin}`;
}
