import type { ShopifyDocument } from './shopify-document.js';

/** Everything the state codes are read from (read-before-repeat, derived state, open fulfillment orders). */
export const ORDER_STATE_QUERY: ShopifyDocument = {
  name: 'EcomSyncOrderState',
  kind: 'query',
  estimatedCost: 25,
  text: `query EcomSyncOrderState($id: ID!) {
  order(id: $id) {
    id
    legacyResourceId
    name
    closed
    cancelledAt
    displayFinancialStatus
    displayFulfillmentStatus
    fulfillmentOrders(first: 20) {
      nodes { id status }
    }
  }
}`,
};
