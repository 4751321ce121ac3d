import type { ShopifyDocument } from './shopify-document.js';
import { WEBHOOK_SUBSCRIPTION_FIELDS } from './webhook-subscriptions-query.js';

/** One topic to one HTTPS callback, JSON bodies; Shopify refuses the same topic and address twice (userErrors). */
export const WEBHOOK_SUBSCRIPTION_CREATE_MUTATION: ShopifyDocument = {
  name: 'EcomSyncWebhookSubscriptionCreate',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { ${WEBHOOK_SUBSCRIPTION_FIELDS} }
    userErrors { field message }
  }
}`,
};
