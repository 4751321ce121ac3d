import type { ShopifyDocument } from './shopify-document.js';

/** `fulfilled`: fulfils every line of one fulfillment order (none listed = all), with tracking when known. */
export const FULFILLMENT_CREATE_MUTATION: ShopifyDocument = {
  name: 'EcomSyncFulfillmentCreate',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncFulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}`,
};
