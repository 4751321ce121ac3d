import type { ShopifyDocument } from './shopify-document.js';

/** `open`: reopens a closed order. */
export const ORDER_OPEN_MUTATION: ShopifyDocument = {
  name: 'EcomSyncOrderOpen',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncOrderOpen($input: OrderOpenInput!) {
  orderOpen(input: $input) {
    order { id closed }
    userErrors { field message }
  }
}`,
};
