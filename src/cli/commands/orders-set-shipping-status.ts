import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { runStatusChange } from './orders-set-status.js';

export async function ordersSetShippingStatus(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const { setShippingStatus } = await import('../../orders/set-shipping-status.js');
  return runStatusChange(ctx, args, options, setShippingStatus, 'shipping state');
}
