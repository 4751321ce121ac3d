import type { ShopifyDocument } from './shopify-document.js';

/** `paid`: records the outstanding balance as paid (only while one is outstanding). */
export const ORDER_MARK_AS_PAID_MUTATION: ShopifyDocument = {
  name: 'EcomSyncOrderMarkAsPaid',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncOrderMarkAsPaid($input: OrderMarkAsPaidInput!) {
  orderMarkAsPaid(input: $input) {
    order { id displayFinancialStatus }
    userErrors { field message }
  }
}`,
};
