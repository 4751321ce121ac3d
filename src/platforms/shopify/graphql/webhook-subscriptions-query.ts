import type { ShopifyDocument } from './shopify-document.js';

/** The fields of a subscription ecom-sync reads; `endpoint` replaces the deprecated `callbackUrl`. */
export const WEBHOOK_SUBSCRIPTION_FIELDS = `id topic endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } }`;

/** The app's subscriptions, a page at a time (Shopify shows an app only its own). */
export const WEBHOOK_SUBSCRIPTIONS_QUERY: ShopifyDocument = {
  name: 'EcomSyncWebhookSubscriptions',
  kind: 'query',
  estimatedCost: 12,
  text: `query EcomSyncWebhookSubscriptions($first: Int!, $after: String) {
  webhookSubscriptions(first: $first, after: $after) {
    nodes { ${WEBHOOK_SUBSCRIPTION_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`,
};
