import type { PushState } from '../platform-port.js';
import { ORDER_STATE_QUERY } from './graphql/index.js';
import type { GraphqlTransport } from './graphql-transport.js';
import { derivedStateCode, FULFILLABLE_STATUSES, orderGid, type ShopifyOrderStateFields, type ShopifyStateCode } from './shopify-catalogue.js';

export interface OrderStateNode extends ShopifyOrderStateFields {
  id: string;
  legacyResourceId: string;
  name: string;
  fulfillmentOrders: { nodes: Array<{ id: string; status: string }> };
}

/** One read of the order's state fields; null when the shop has no such order. */
export async function readOrderState(transport: GraphqlTransport, idOrigin: number, signal?: AbortSignal): Promise<OrderStateNode | null> {
  const data = await transport.send<{ order: OrderStateNode | null }>(ORDER_STATE_QUERY, { variables: { id: orderGid(idOrigin) }, ...(signal ? { signal } : {}) });
  return data.order ?? null;
}

export function openFulfillmentOrders(order: OrderStateNode): Array<{ id: string; status: string }> {
  return order.fulfillmentOrders.nodes.filter((fo) => FULFILLABLE_STATUSES.has(fo.status));
}

/** Whether the order is in `code` on the shop, per the README's table. */
export function isApplied(code: ShopifyStateCode, order: OrderStateNode): boolean {
  switch (code) {
    case 'fulfilled':
      return order.displayFulfillmentStatus === 'FULFILLED'
        || (openFulfillmentOrders(order).length === 0 && order.fulfillmentOrders.nodes.some((fo) => fo.status === 'CLOSED'));
    case 'cancelled':
      return order.cancelledAt !== null;
    case 'closed':
      return order.closed;
    case 'paid':
      return order.displayFinancialStatus === 'PAID';
    case 'open':
      return !order.closed;
  }
}

export function pushStateOf(code: ShopifyStateCode, order: OrderStateNode | null): PushState {
  if (order === null) return { kind: 'order-missing' };
  return isApplied(code, order) ? { kind: 'applied' } : { kind: 'not-applied', currentCode: derivedStateCode(order) };
}
