import { FULFILLMENT_CREATE_MUTATION } from './fulfillment-create-mutation.js';
import { JOB_QUERY } from './job-query.js';
import { ORDER_CANCEL_MUTATION } from './order-cancel-mutation.js';
import { ORDER_CLOSE_MUTATION } from './order-close-mutation.js';
import { ORDER_LINE_ITEMS_QUERY } from './order-line-items-query.js';
import { ORDER_MARK_AS_PAID_MUTATION } from './order-mark-as-paid-mutation.js';
import { ORDER_OPEN_MUTATION } from './order-open-mutation.js';
import { ORDER_QUERY } from './order-query.js';
import { ORDER_STATE_QUERY } from './order-state-query.js';
import { ORDERS_PAGE_QUERY } from './orders-page-query.js';
import { SHOP_CHECK_QUERY } from './shop-check-query.js';
import type { ShopifyDocument } from './shopify-document.js';
import { WEBHOOK_SUBSCRIPTION_CREATE_MUTATION } from './webhook-subscription-create-mutation.js';
import { WEBHOOK_SUBSCRIPTION_DELETE_MUTATION } from './webhook-subscription-delete-mutation.js';
import { WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION } from './webhook-subscription-update-mutation.js';
import { WEBHOOK_SUBSCRIPTIONS_QUERY } from './webhook-subscriptions-query.js';

export type { ShopifyDocument } from './shopify-document.js';
export {
  FULFILLMENT_CREATE_MUTATION, JOB_QUERY, ORDER_CANCEL_MUTATION, ORDER_CLOSE_MUTATION, ORDER_LINE_ITEMS_QUERY, ORDER_MARK_AS_PAID_MUTATION,
  ORDER_OPEN_MUTATION, ORDER_QUERY, ORDER_STATE_QUERY, ORDERS_PAGE_QUERY, SHOP_CHECK_QUERY,
  WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, WEBHOOK_SUBSCRIPTION_DELETE_MUTATION, WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION, WEBHOOK_SUBSCRIPTIONS_QUERY,
};

/** Every operation the client sends: the schema test validates each of them. */
export const SHOPIFY_DOCUMENTS: readonly ShopifyDocument[] = [
  ORDER_STATE_QUERY, ORDER_QUERY, ORDERS_PAGE_QUERY, ORDER_LINE_ITEMS_QUERY, SHOP_CHECK_QUERY, JOB_QUERY,
  FULFILLMENT_CREATE_MUTATION, ORDER_CANCEL_MUTATION, ORDER_CLOSE_MUTATION, ORDER_OPEN_MUTATION, ORDER_MARK_AS_PAID_MUTATION,
  WEBHOOK_SUBSCRIPTIONS_QUERY, WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, WEBHOOK_SUBSCRIPTION_UPDATE_MUTATION, WEBHOOK_SUBSCRIPTION_DELETE_MUTATION,
];
