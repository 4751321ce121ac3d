import type { ShopifyDocument } from './shopify-document.js';

export const WEBHOOK_SUBSCRIPTION_DELETE_MUTATION: ShopifyDocument = {
  name: 'EcomSyncWebhookSubscriptionDelete',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncWebhookSubscriptionDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) {
    deletedWebhookSubscriptionId
    userErrors { field message }
  }
}`,
};
