import type { App } from '../app-types.js';
import { setOrderStatus } from '../orders/set-order-status.js';
import { InvalidTransitionError } from '../transitions/transition-errors.js';
import { initTransitions } from '../transitions/transition-service.js';

export interface RefusedTransition {
  id_order: number;
  to: number;
  code: string;
  message: string;
  allowed_next: Array<{ id: number; name: string }>;
}

const BACK_TO = 1; // "In attesa di pagamento": a shipped order cannot go back to awaiting payment

/**
 * The demo's last step: write the proposed order-state graph, switch transitions.mode to enforce
 * and try to move the shipped order back to "awaiting payment". The refusal writes and pushes nothing.
 */
export async function demoRefusedTransition(app: App, orderId: number): Promise<{ lines: string[]; refused: RefusedTransition | null }> {
  const [proposal] = await initTransitions(app, { stateTypes: ['order_state'], write: true });
  app.config.transitions.mode = 'enforce';
  const lines = [`${proposal?.transitions.length ?? 0} order-state rules written (ecom-sync transitions init --yes), transitions.mode: enforce`];
  try {
    await setOrderStatus(app, { orderId, state: BACK_TO });
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    const refused = { id_order: orderId, to: BACK_TO, code: error.code, message: error.message, allowed_next: error.verdict.allowed_next };
    lines.push(
      `$ ecom-sync orders set-status ${orderId} ${BACK_TO}`,
      `error[${error.code}]: ${error.message}`,
      `hint: ${error.hint ?? ''}`,
      'Nothing was written and nothing was sent to the shop (REST: 409 with the allowed next states).',
    );
    return { lines, refused };
  }
  lines.push('the change was not refused: the rules did not work as expected');
  return { lines, refused: null };
}
