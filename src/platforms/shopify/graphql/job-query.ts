import type { ShopifyDocument } from './shopify-document.js';

/** Follows an asynchronous job (orderCancel answers with one). */
export const JOB_QUERY: ShopifyDocument = {
  name: 'EcomSyncJob',
  kind: 'query',
  estimatedCost: 1,
  text: `query EcomSyncJob($id: ID!) {
  job(id: $id) { id done }
}`,
};
