import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import type { StateType, TransitionRule } from '../../transitions/index.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice, parseId } from '../parse-args.js';
import { renderTable } from '../table.js';

const TYPES = ['order_state', 'shipping_state'] as const;

function typeOption(options: Record<string, unknown>): StateType | undefined {
  return options.type === undefined ? undefined : parseChoice(String(options.type), TYPES, '--type');
}

async function service() {
  return import('../../transitions/index.js');
}

const stateLabel = (id: number, name: string | null) => `${id} ${name ?? '?'}`;

/** One line per source state: "3 In preparazione → 4 Spedito, 6 Annullato". */
function graphTable(ctx: CommandContext, rules: readonly TransitionRule[]): string {
  const rows = new Map<string, { type: string; from: string; to: string[] }>();
  for (const r of rules) {
    const key = `${r.state_type}:${r.id_state_from}`;
    const row = rows.get(key) ?? { type: r.state_type, from: stateLabel(r.id_state_from, r.from_name), to: [] };
    row.to.push(stateLabel(r.id_state_to, r.to_name));
    rows.set(key, row);
  }
  return renderTable(['type', 'from', 'may go to'], [...rows.values()].map((r) => [r.type, r.from, r.to.join(', ')]), { color: ctx.color });
}

export async function transitionsList(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const stateType = typeOption(options);
  const app = await ctx.openApp();
  const list = await (await service()).listTransitionRules(app, stateType === undefined ? {} : { stateType });
  const lines = [`transitions.mode: ${list.mode}${list.mode === 'off' ? ' (rules are not checked; set transitions.mode to warn or enforce)' : ''}`];
  lines.push(list.transitions.length === 0
    ? 'No transition rules yet (every change is allowed). Propose some: ecom-sync transitions init'
    : graphTable(ctx, list.transitions));
  if (list.final_triggers.length > 0) {
    lines.push('', 'Triggers towards a final platform state (an order pushed there cannot be moved to a non-final one):');
    lines.push(renderTable(['trigger', 'store', 'local state', 'platform', 'final state', 'rule'], list.final_triggers.map((t) => [
      t.id_trigger, t.id_store, `${t.state_type} ${t.id_state_local}`, t.platform, t.platform_state, t.rule,
    ]), { color: ctx.color }));
  }
  return { json: list, text: lines.join('\n') };
}

export async function transitionsAllow(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const stateType = typeOption(options);
  const app = await ctx.openApp();
  const result = await (await service()).allowTransition(app, { from: args[0] ?? '', to: args[1] ?? '', bothWays: options.bothWays === true, ...(stateType === undefined ? {} : { stateType }) });
  const line = (r: TransitionRule) => `${r.state_type} ${stateLabel(r.id_state_from, r.from_name)} → ${stateLabel(r.id_state_to, r.to_name)}`;
  const text = [...result.added.map((r) => `Allowed: ${line(r)}`), ...result.already_allowed.map((r) => `Already allowed: ${line(r)}`)].join('\n');
  return { json: result, text };
}

export async function transitionsDeny(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const stateType = typeOption(options);
  const app = await ctx.openApp();
  const result = await (await service()).denyTransition(app, { from: args[0] ?? '', to: args[1] ?? '', bothWays: options.bothWays === true, ...(stateType === undefined ? {} : { stateType }) });
  return { json: result, text: result.removed.map((r) => `No longer allowed: ${r.state_type} ${stateLabel(r.id_state_from, r.from_name)} → ${stateLabel(r.id_state_to, r.to_name)}`).join('\n') };
}

export async function transitionsCheck(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const orderId = parseId(args[0], 'id_order');
  const stateType = typeOption(options) ?? 'order_state';
  const app = await ctx.openApp();
  const check = await (await service()).checkOrderTransition(app, orderId, String(args[1] ?? ''), stateType === 'order_state' ? 'order' : 'shipping');
  const v = check.verdict;
  const s = ctx.style;
  const lines = [`Order ${check.id_order}: ${v.state_type} ${v.from ?? '-'} → ${v.to}`];
  if (check.allowed) lines.push(s.green('Allowed by the rules.'));
  else for (const violation of v.violations) lines.push(s.red(`Not allowed: ${violation.message}`));
  if (v.allowed_next.length > 0) lines.push(`Allowed next: ${v.allowed_next.map((n) => `${n.id} ${n.name}`).join(', ')}`);
  lines.push(check.mode === 'off'
    ? 'transitions.mode is off: a change would be applied without checking.'
    : `transitions.mode ${check.mode}: a change would be ${check.would === 'apply' ? 'applied' : check.would === 'warn' ? 'applied with a warning' : 'refused (override: --force --reason TEXT)'}.`);
  return { json: check, text: lines.join('\n') };
}

export async function transitionsInit(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const stateType = typeOption(options);
  const stateTypes = stateType === undefined ? undefined : [stateType];
  const app = await ctx.openApp();
  const transitions = await service();
  const base = { ...(stateTypes ? { stateTypes } : {}), replace: options.replace === true };
  const proposal = await transitions.initTransitions(app, base);
  const describe = proposal.map((p) => [
    ctx.style.bold(`Proposed ${p.state_type} transitions (${p.transitions.length})${p.existing > 0 ? ` — ${p.existing} rules stored now${options.replace === true ? ', to be replaced' : ''}` : ''}`),
    p.transitions.length === 0 ? '  (none: no states)' : graphTable(ctx, p.transitions),
  ].join('\n')).join('\n\n');
  let write = options.yes === true;
  if (options.dryRun === true) {
    return { json: { written: false, proposal }, text: `${describe}\n\nDry run: nothing was written.` };
  }
  if (!write && ctx.interactive) {
    ctx.streams.stdout.write(`${describe}\n\n`);
    const { confirm } = await import('@inquirer/prompts');
    write = await confirm({ message: 'Write these rules?', default: false }, { input: ctx.streams.stdin, output: ctx.streams.stdout });
    if (!write) return { json: { written: false, proposal }, text: 'Nothing was written.' };
    const written = await transitions.initTransitions(app, { ...base, write: true });
    return { json: { written: true, proposal: written }, text: `Written. Turn them on with transitions.mode: warn (or enforce) in the configuration.` };
  }
  if (!write) {
    return { json: { written: false, proposal }, text: `${describe}\n\nNot written: review the proposal, then run again with --yes (or on a terminal, to be asked).` };
  }
  const written = await transitions.initTransitions(app, { ...base, write: true });
  return { json: { written: true, proposal: written }, text: `${describe}\n\nWritten. Turn them on with transitions.mode: warn (or enforce) in the configuration.` };
}

export async function transitionsImport(ctx: CommandContext, args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const file = String(args[0] ?? '');
  let text: string;
  try {
    text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch {
    throw new UsageError('FILE_NOT_FOUND', `cannot read ${file}`, { hint: 'Check the path; `ecom-sync transitions export > transitions.yaml` writes one.' });
  }
  const app = await ctx.openApp();
  const summary = await (await service()).importTransitions(app, text, { source: file, merge: options.merge === true });
  const text2 = summary.length === 0
    ? `${file} has no order_state or shipping_state section: nothing changed.`
    : renderTable(['type', 'removed', 'added', 'rules now'], summary.map((s) => [s.state_type, s.removed, s.added, s.total]), { color: ctx.color });
  return { json: { imported: summary }, text: text2 };
}

export async function transitionsExport(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const stateType = typeOption(options);
  const app = await ctx.openApp();
  const yaml = await (await service()).exportTransitions(app, stateType === undefined ? {} : { stateType });
  if (typeof options.output === 'string') {
    await writeFile(path.resolve(ctx.cwd, options.output), yaml);
    return { json: { written: options.output }, text: `Written to ${options.output}.` };
  }
  return { json: { yaml }, text: yaml };
}
