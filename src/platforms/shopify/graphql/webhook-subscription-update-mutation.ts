import type { ShopifyDocument } from './shopify-document.js';
import { WEBHOOK_SUBSCRIPTION_FIELDS } from './webhook-subscriptions-query.js';

/** A new callback address for an existing subscription (its topic stays). */
export const WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION: ShopifyDocument = {
  name: 'EcomSyncWebhookSubscriptionUpdate',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncWebhookSubscriptionUpdate($id: ID!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionUpdate(id: $id, webhookSubscription: $webhookSubscription) {
    webhookSubscription { ${WEBHOOK_SUBSCRIPTION_FIELDS} }
    userErrors { field message }
  }
}`,
};
