import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { ExitCode } from '../../errors.js';
import { parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { pullStates } from '../../pull/states-pull.js';

/** `states pull [--store ID]`: for cron; a failed store makes the exit non-zero, the others are still pulled. */
export async function statesPull(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseOptionalId(options.store, '--store');
  const app = await ctx.openApp();
  const report = await pullStates(app, { ...(storeId === undefined ? {} : { storeId }), acceptRemovals: options.acceptRemovals === true, quiet: true, signal: ctx.shutdownSignal() });

  const lines: string[] = [];
  if (report.stores.length === 0) {
    lines.push('No active stores. Add one: ecom-sync stores add --help');
  } else {
    lines.push(renderTable(
      ['store', 'language', 'created', 'updated', 'unchanged', 'flagged', 'result'],
      report.stores.map((s) => [
        `#${s.id_store} ${s.store}`, s.id_lang ?? '', s.created, s.updated, s.unchanged, s.flagged,
        s.ok ? (s.warnings.length > 0 ? `ok, ${s.warnings.length} warning(s)` : 'ok') : `FAILED ${s.error?.code ?? ''}`,
      ]),
      { color: ctx.color },
    ));
  }
  // Failures and warnings go to stderr so that cron mails them even with --quiet.
  for (const store of report.stores) {
    if (store.error) ctx.streams.stderr.write(`error[${store.error.code}]: store ${store.store} (#${store.id_store}): ${store.error.message}\n`);
    for (const warning of store.warnings) ctx.streams.stderr.write(`warning: store ${store.store} (#${store.id_store}): ${warning}\n`);
  }
  return {
    json: report,
    text: lines.join('\n'),
    exitCode: report.ok ? ExitCode.ok : ExitCode.platform,
  };
}
