import type { ShopifyDocument } from './shopify-document.js';

/** `cancelled`: asynchronous, answers with a job; irreversible on the shop. */
export const ORDER_CANCEL_MUTATION: ShopifyDocument = {
  name: 'EcomSyncOrderCancel',
  kind: 'mutation',
  estimatedCost: 10,
  text: `mutation EcomSyncOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $refund: Boolean!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: $refund, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`,
};
