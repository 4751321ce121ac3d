import { ORDER_FIELDS_FRAGMENT } from './orders-page-query.js';
import type { ShopifyDocument } from './shopify-document.js';

/** One order as it is now, with the same fields as an orders page. */
export const ORDER_QUERY: ShopifyDocument = {
  name: 'EcomSyncOrder',
  kind: 'query',
  estimatedCost: 30,
  text: `query EcomSyncOrder($id: ID!, $lines: Int!) {
  order(id: $id) { ...EcomSyncOrderFields }
}

${ORDER_FIELDS_FRAGMENT}`,
};
