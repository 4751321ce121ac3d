import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice, parseId, parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { getTrigger, listTriggers, removeTrigger, setTriggerActive, testTrigger, TRIGGER_EVENT_TYPES } from '../../triggers/index.js';
import { emailLabel, localStateLabel, platformStateLabel, triggerSummary } from './triggers-format.js';

export async function triggersList(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseOptionalId(options.store, '--store');
  const app = await ctx.openApp();
  const triggers = await listTriggers(app, storeId === undefined ? {} : { storeId });
  const text = triggers.length === 0
    ? 'No triggers yet. Add one: ecom-sync triggers add'
    : renderTable(
        ['id', 'store', 'event', 'local state', 'platform state', 'e-mail', 'active'],
        triggers.map((t) => [t.id_trigger, `#${t.id_store} ${t.store_name}`, t.event_type, localStateLabel(t), platformStateLabel(t), emailLabel(t.send_email), t.is_active ? 'yes' : 'no']),
        { color: ctx.color },
      );
  return { json: { triggers }, text };
}

export async function triggersShow(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const id = parseId(args[0], 'trigger id');
  const app = await ctx.openApp();
  const trigger = await getTrigger(app, id);
  return { json: trigger, text: triggerSummary(trigger) };
}

export async function triggersRemove(ctx: CommandContext, args: string[]): Promise<CommandResult> {
  const id = parseId(args[0], 'trigger id');
  const app = await ctx.openApp();
  const removed = await removeTrigger(app, id);
  return { json: { removed: removed.id_trigger, trigger: removed }, text: `Trigger removed: ${triggerSummary(removed)}` };
}

async function setActive(ctx: CommandContext, args: string[], active: boolean): Promise<CommandResult> {
  const id = parseId(args[0], 'trigger id');
  const app = await ctx.openApp();
  const trigger = await setTriggerActive(app, id, active);
  return { json: trigger, text: `Trigger ${active ? 'enabled' : 'disabled'}: ${triggerSummary(trigger)}` };
}

export const triggersEnable = (ctx: CommandContext, args: string[]) => setActive(ctx, args, true);
export const triggersDisable = (ctx: CommandContext, args: string[]) => setActive(ctx, args, false);

/** `triggers test <id_order> <state>`: the trigger that would fire and the exact platform call, sent nowhere. */
export async function triggersTest(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const orderId = parseId(args[0], 'order id');
  const state = parseId(args[1], 'state id');
  const eventType = parseChoice(options.event ?? 'order_status_changed', TRIGGER_EVENT_TYPES, '--event');
  const app = await ctx.openApp();
  const result = await testTrigger(app, orderId, state, { eventType });
  const lines = [
    `Order #${result.order.id_order} (${result.order.reference ?? 'no reference'}, store #${result.order.id_store ?? '-'}, platform order ${result.order.id_origin ?? '-'}): ${result.event_type} to ${result.state_type.replace('_', ' ')} ${result.new_state.id} ${result.new_state.name}`,
  ];
  if (result.trigger) lines.push(`Matching trigger: ${triggerSummary(result.trigger)}`);
  lines.push(result.would_fire ? 'Would fire (dry run: nothing was sent):' : `Would not fire: ${result.reason ?? ''}`);
  if (result.platform_call) {
    lines.push(`${result.would_fire ? '' : 'The call it would make: '}${result.platform_call.method} ${result.platform_call.url}`);
    lines.push(result.platform_call.body.trimEnd());
  }
  return { json: result, text: lines.join('\n') };
}
