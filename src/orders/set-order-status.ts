import type { OrdersDeps } from './orders-deps.js';
import { applyStatusChange } from './apply-status-change.js';
import type { SetOrderStatusResult, StatusChangeInput } from './status-change-types.js';

export type { SetOrderStatusResult, StatusChangeInput, SyncOutcome } from './status-change-types.js';

/**
 * Changes an order's local state (PUT /api/v1/orders/{id}/status, `ecom-sync orders set-status`)
 * and pushes it to the platform when a trigger matches, waiting for the push. Throws
 * ORDER_NOT_FOUND (404) and INVALID_STATE (422) before writing anything.
 */
export async function setOrderStatus(app: OrdersDeps, input: StatusChangeInput): Promise<SetOrderStatusResult> {
  return applyStatusChange(app, 'order', input);
}
export { setShippingStatus } from './set-shipping-status.js';
