import type { SandboxClock } from './sandbox-clock.js';

export type FinancialStatus = 'PENDING' | 'AUTHORIZED' | 'PAID' | 'PARTIALLY_PAID' | 'REFUNDED' | 'VOIDED';
export type FulfillmentOrderStatus = 'OPEN' | 'IN_PROGRESS' | 'CANCELLED' | 'INCOMPLETE' | 'CLOSED' | 'SCHEDULED' | 'ON_HOLD';

export interface SbAddress { firstName: string; lastName: string; company: string; address1: string; address2: string; zip: string; city: string; countryCodeV2: string; phone: string }
export interface SbLine { id: number; productId: number; variantId: number; quantity: number; name: string; sku: string; price: number; tax: number }
export interface SbFulfillmentOrder { id: number; status: FulfillmentOrderStatus; updatedAt: number }
export interface SbFulfillment { id: number; orderId: number; fulfillmentOrderId: number; tracking: { number?: string; company?: string; url?: string } | null; notifyCustomer: boolean }

export interface SbOrder {
  id: number;
  name: string;
  createdAt: number;
  /** Milliseconds, but Shopify-like whole seconds. */
  updatedAt: number;
  email: string;
  currency: string;
  gateway: string;
  taxesIncluded: boolean;
  customer: { id: number; firstName: string; lastName: string } | null;
  shipping: SbAddress | null;
  billing: SbAddress | null;
  lines: SbLine[];
  shippingPrice: number;
  financial: FinancialStatus;
  closedAt: number | null;
  cancelledAt: number | null;
  fulfillmentOrders: SbFulfillmentOrder[];
}

/** An e-mail the shop would have sent the customer. */
export interface SbNotification { orderId: number; kind: 'shipping-confirmation' | 'cancellation'; at: number }

/** The seeded shop behind the sandbox's GraphQL answers. */
export class SandboxShopifyStore {
  readonly orders = new Map<number, SbOrder>();
  readonly fulfillments: SbFulfillment[] = [];
  readonly notifications: SbNotification[] = [];
  private nextId = 9000;

  constructor(readonly clock: SandboxClock, readonly shopName = 'Bottega Italiana', readonly currency = 'EUR', readonly timezone = 'Europe/Rome') {}

  /** Whole seconds, as Shopify's timestamps are. */
  nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000) * 1000;
  }

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  add(order: SbOrder): void {
    this.orders.set(order.id, order);
  }

  /** Marks the order changed now (as Shopify does for every change of the order). */
  touch(order: SbOrder): void {
    order.updatedAt = this.nowSeconds();
  }

  displayFulfillmentStatus(order: SbOrder): string {
    const live = order.fulfillmentOrders.filter((fo) => fo.status !== 'CANCELLED');
    if (live.length === 0) return 'UNFULFILLED';
    if (live.every((fo) => fo.status === 'CLOSED')) return 'FULFILLED';
    if (live.some((fo) => fo.status === 'CLOSED')) return 'PARTIALLY_FULFILLED';
    if (live.some((fo) => fo.status === 'ON_HOLD')) return 'ON_HOLD';
    if (live.some((fo) => fo.status === 'IN_PROGRESS')) return 'IN_PROGRESS';
    return 'UNFULFILLED';
  }

  findFulfillmentOrder(id: number): { order: SbOrder; fo: SbFulfillmentOrder } | null {
    for (const order of this.orders.values()) {
      const fo = order.fulfillmentOrders.find((f) => f.id === id);
      if (fo) return { order, fo };
    }
    return null;
  }
}
