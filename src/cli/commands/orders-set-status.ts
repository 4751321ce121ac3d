import type { App } from '../../app-types.js';
import { ExitCode } from '../../errors.js';
import type { SetOrderStatusResult, StatusChangeInput } from '../../orders/status-change-types.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseId } from '../parse-args.js';

type Change = (app: App, input: StatusChangeInput) => Promise<SetOrderStatusResult>;

/** Shared by set-status and set-shipping-status. */
export async function runStatusChange(ctx: CommandContext, args: string[], options: Record<string, unknown>, change: Change, what: string): Promise<CommandResult> {
  const orderId = parseId(args[0], 'id_order');
  const state = String(args[1] ?? '').trim();
  const app = await ctx.openApp();
  const result = await change(app, {
    orderId, state, sync: options.sync !== false, dryRun: options.dryRun === true,
    ...(options.force === true ? { force: true } : {}), ...(typeof options.reason === 'string' ? { reason: options.reason } : {}),
  });
  return { json: result, text: describeChange(ctx, result, what), exitCode: exitCodeOf(result) };
}

/** A push that failed or is waiting for a retry is a platform failure for the caller (the change itself is kept). */
function exitCodeOf(result: SetOrderStatusResult): ExitCode {
  if (result.sync === null || result.sync.status === 'done' || result.sync.status === 'superseded' || result.sync.status === 'cancelled') return ExitCode.ok;
  return ExitCode.platform;
}

export function describeChange(ctx: CommandContext, result: SetOrderStatusResult, what: string): string {
  const s = ctx.style;
  const lines: string[] = [];
  const states = `${result.old_state ?? '-'} → ${result.new_state} (${result.new_state_name})`;
  if (result.dry_run === true) {
    for (const warning of result.warnings ?? []) lines.push(s.yellow(`warning: ${warning}`));
    lines.push(`${s.bold('Dry run')}: order ${result.id_order} ${what} ${states}${result.changed ? '' : ' — already set'}; nothing was changed.`);
    if (result.trigger) {
      const t = result.trigger;
      lines.push(`Trigger #${t.id_trigger} (store ${t.id_store}): local ${t.id_state_local} → platform state ${t.id_platform_state} "${t.platform_state_name}"${t.unusable ? ` — ${s.red(`unusable: ${t.unusable}`)}` : ''}`);
    }
    if (result.platform_call) {
      lines.push(`Would call: ${result.platform_call.method} ${result.platform_call.url}${result.platform_call.send_email ? ' (customer e-mail)' : ''}`);
      lines.push(result.platform_call.body.trimEnd());
    }
    if (result.sync_note) lines.push(result.sync_note);
    return lines.join('\n');
  }
  const warnings = (result.warnings ?? []).map((w) => s.yellow(`warning: ${w}`));
  if (!result.changed) return `Order ${result.id_order} already is in ${what} ${result.new_state} (${result.new_state_name}): nothing changed, nothing pushed.`;
  lines.push(...warnings, `Order ${result.id_order}: ${what} ${states}.${result.reason === undefined ? '' : ` Override reason: ${result.reason}`}`);
  const sync = result.sync;
  if (sync === null) {
    lines.push(result.sync_note ?? 'Not synced.');
  } else if (sync.status === 'done') {
    lines.push(s.green(`Pushed to store ${sync.id_store}: platform state ${sync.id_platform_state} "${sync.platform_state_name}" (sync job ${sync.id_sync_job}).`));
  } else if (sync.status === 'pending' && sync.wait_until !== null) {
    lines.push(s.yellow(`Not pushed yet (sync job ${sync.id_sync_job}): pending: the shop asked to wait until ${sync.wait_until}.`));
    lines.push('The change is kept and will be pushed after that time by the daemon or `ecom-sync sync run`.');
  } else if (sync.status === 'pending') {
    lines.push(s.yellow(`Not pushed yet (sync job ${sync.id_sync_job}): ${sync.error ?? 'waiting behind an earlier change of this order'}`));
    lines.push('The change is kept and will be pushed by the daemon or `ecom-sync sync run`.');
  } else if (sync.status === 'cancelled') {
    lines.push(`Not pushed (sync job ${sync.id_sync_job} cancelled): ${sync.error ?? 'no active trigger maps the state any more'}`);
  } else {
    lines.push(s.red(`Push failed (sync job ${sync.id_sync_job}): ${sync.error ?? sync.status}`));
  }
  return lines.join('\n');
}

export async function ordersSetStatus(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const { setOrderStatus } = await import('../../orders/set-order-status.js');
  return runStatusChange(ctx, args, options, setOrderStatus, 'state');
}
