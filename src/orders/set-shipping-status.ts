import type { OrdersDeps } from './orders-deps.js';
import { applyStatusChange } from './apply-status-change.js';
import type { SetOrderStatusResult, StatusChangeInput } from './status-change-types.js';

/**
 * Changes the state of an order's shipment (creating the shipment when the order has none) and
 * pushes it when a `shipping_status_changed` / `shipping_state` trigger matches.
 */
export async function setShippingStatus(app: OrdersDeps, input: StatusChangeInput): Promise<SetOrderStatusResult> {
  return applyStatusChange(app, 'shipping', input);
}
