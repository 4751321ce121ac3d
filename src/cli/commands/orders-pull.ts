import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { ExitCode } from '../../errors.js';
import { parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { pullOrders } from '../../pull/orders-pull.js';

/** `orders pull [--store ID] [--since DATETIME] [--full]`: for cron; drift and failures go to stderr. */
export async function ordersPull(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseOptionalId(options.store, '--store');
  const app = await ctx.openApp();
  // The platform gives no total count: the bar shows the count and the rate.
  const progress = ctx.progress('orders', 0);
  let report;
  let shown = 0;
  try {
    report = await pullOrders(app, {
      ...(storeId === undefined ? {} : { storeId }),
      ...(options.since === undefined ? {} : { since: String(options.since) }),
      full: Boolean(options.full),
      quiet: true,
      signal: ctx.shutdownSignal(),
      onProgress: (imported) => {
        progress.tick(imported - shown);
        shown = imported;
      },
    });
  } finally {
    progress.done();
  }
  const text = report.stores.length === 0
    ? 'No active stores. Add one: ecom-sync stores add --help'
    : renderTable(
        ['store', 'since', 'fetched', 'created', 'updated', 'unchanged', 'drift', 'requests', 'watermark', 'result'],
        report.stores.map((s) => [`#${s.id_store} ${s.store}`, s.since ?? 'all', s.fetched, s.created, s.updated, s.unchanged, s.drift.length, s.requests, s.watermark, s.ok ? 'ok' : `FAILED ${s.error?.code ?? ''}`]),
        { color: ctx.color },
      );
  for (const store of report.stores) {
    if (store.error) ctx.streams.stderr.write(`error[${store.error.code}]: store ${store.store} (#${store.id_store}): ${store.error.message}\n`);
    for (const warning of store.warnings) ctx.streams.stderr.write(`warning: store ${store.store} (#${store.id_store}): ${warning}\n`);
    for (const d of store.drift) {
      ctx.streams.stderr.write(`drift: order ${d.id_order} (${d.reference ?? '-'}, platform ${d.id_origin}) moved on the platform from state ${d.platform_state_before ?? '-'} to ${d.platform_state_now}; local state ${d.local_state} left alone\n`);
    }
  }
  return { json: report, text, exitCode: report.ok ? ExitCode.ok : ExitCode.platform };
}
