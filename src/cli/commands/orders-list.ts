import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { UsageError } from '../../errors.js';
import { listOrders, ORDERS_MAX_LIMIT } from '../../orders/order-queries.js';
import { parseId, parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { timeText } from '../../dates/time-text.js';

export async function ordersList(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const page = parseId(options.page ?? '1', '--page');
  const limit = parseId(options.limit ?? '20', '--limit');
  if (limit > ORDERS_MAX_LIMIT) throw new UsageError('INVALID_ARGUMENT', `--limit must be at most ${ORDERS_MAX_LIMIT}, got ${limit}`, { hint: 'Use --page to see more.' });
  const idOrderState = parseOptionalId(options.state, '--state');
  const idStore = parseOptionalId(options.store, '--store');
  const idEcommerceState = parseOptionalId(options.ecommerceState, '--ecommerce-state');
  const app = await ctx.openApp();
  const result = await listOrders(app.db, {
    page, limit,
    ...(idOrderState === undefined ? {} : { idOrderState }),
    ...(idStore === undefined ? {} : { idStore }),
    ...(idEcommerceState === undefined ? {} : { idEcommerceState }),
  });
  const pages = Math.max(1, Math.ceil(result.total / limit));
  const text = result.orders.length === 0
    ? (result.total === 0 ? 'No orders match. Import some: ecom-sync orders pull' : `Page ${page} is past the end (${pages} pages).`)
    : `${renderTable(
        ['id', 'reference', 'store', 'state', 'e-commerce state', 'total', 'customer', 'updated (UTC)'],
        result.orders.map((o) => [
          o.id_order, o.reference, o.store_name ?? o.id_store, `${o.id_order_state} ${o.order_state_name ?? ''}`.trim(),
          o.ecommerce_order_state ? `${o.ecommerce_order_state.id} ${o.ecommerce_order_state.state_name}` : null,
          o.total_price_with_tax.toFixed(2), o.customer_name, timeText(o.date_upd),
        ]),
        { color: ctx.color },
      )}\nPage ${page} of ${pages} (${result.total} orders).`;
  return { json: result, text };
}
