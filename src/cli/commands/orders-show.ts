import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { timeText as when } from '../../dates/time-text.js';


export async function ordersShow(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const id = parseId(args[0], 'id_order');
  const app = await ctx.openApp();
  const { showOrder } = await import('../../orders/show-order.js');
  const details = await showOrder(app.db, id);
  const o = details;
  const s = ctx.style;
  const lines = [
    s.bold(`Order ${o.id_order}${o.reference ? ` (${o.reference})` : ''}`),
    `  store:          ${o.store_name ?? '-'}${o.id_store === null ? '' : ` (#${o.id_store})`}, platform order ${o.id_origin ?? '-'}`,
    `  local state:    ${o.id_order_state} ${o.order_state_name ?? ''}`,
    `  platform state: ${o.ecommerce_order_state ? `${o.ecommerce_order_state.id_platform_state} ${o.ecommerce_order_state.state_name}` : '-'}`,
    `  shipping:       ${o.shipment?.shipping_state_name ?? '-'}`,
    `  total:          ${o.total_price_with_tax.toFixed(2)}`,
    '',
    s.bold('Local history'),
    details.history.length === 0 ? '  (none)' : renderTable(['date (UTC)', 'state', 'override reason'], details.history.map((h) => [when(h.date_add), `${h.id_order_state} ${h.state_name ?? ''}`, h.reason ?? '']), { color: ctx.color }),
    '',
    s.bold('Pushes to the platform'),
    details.sync_jobs.length === 0 ? '  (none)' : renderTable(['job', 'status', 'local → platform', 'attempts', 'created', 'done', 'error'], details.sync_jobs.map((j) => [
      j.id_sync_job, j.status, `${j.id_state_local} → ${j.id_platform_state} ${j.platform_state_name ?? ''}`, j.attempts, when(j.created_at), when(j.done_at), j.last_error,
    ]), { color: ctx.color }),
  ];
  if (details.sync_log.length > 0) {
    lines.push('', s.bold('Sync log'));
    for (const entry of details.sync_log) lines.push(`  ${when(entry.created_at)} ${entry.level.toUpperCase()} job ${entry.id_sync_job ?? '-'}: ${entry.message}`);
  }
  return { json: details, text: lines.join('\n') };
}
