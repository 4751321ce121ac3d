import { LINE_ITEM_FRAGMENT } from './orders-page-query.js';
import type { ShopifyDocument } from './shopify-document.js';

/** The further line items of an order with more than the orders page carries. */
export const ORDER_LINE_ITEMS_QUERY: ShopifyDocument = {
  name: 'EcomSyncOrderLineItems',
  kind: 'query',
  estimatedCost: 110,
  text: `query EcomSyncOrderLineItems($id: ID!, $after: String) {
  order(id: $id) {
    id
    lineItems(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...EcomSyncLineItem }
    }
  }
}

${LINE_ITEM_FRAGMENT}`,
};
