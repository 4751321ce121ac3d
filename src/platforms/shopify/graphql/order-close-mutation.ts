import type { ShopifyDocument } from './shopify-document.js';

/** `closed`: archives the order. */
export const ORDER_CLOSE_MUTATION: ShopifyDocument = {
  name: 'EcomSyncOrderClose',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncOrderClose($input: OrderCloseInput!) {
  orderClose(input: $input) {
    order { id closed }
    userErrors { field message }
  }
}`,
};
