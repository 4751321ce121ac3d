import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { ExitCode, UsageError } from '../../errors.js';
import { parseChoice, parseId, parseOptionalId } from '../parse-args.js';
import { pullStates } from '../../pull/states-pull.js';
import { createTrigger } from '../../triggers/trigger-service.js';
import { TRIGGER_EVENT_TYPES } from '../../triggers/trigger-types.js';
import { triggerSummary } from './triggers-format.js';
import { wooEmailNote } from '../../triggers/woo-email-note.js';
import { inquirerPrompts, runTriggerWizard, type WizardPreset, type WizardPrompts } from './triggers-wizard.js';

const REQUIRED = [
  ['storeId', '--store'],
  ['eventType', '--event'],
  ['localStateId', '--local-state'],
  ['platformStateId', '--platform-state'],
] as const;

/** `--platform-state`: the state's id (`4`) or its platform code (`fulfilled`, `completed`). */
function parsePlatformState(value: unknown): number | string {
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return parseId(text, '--platform-state <id|code>');
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(text)) {
    throw new UsageError('INVALID_ARGUMENT', `--platform-state must be a state id or code (got "${text.slice(0, 40)}")`, { hint: 'See the ids and codes with `ecom-sync states list --store ID`.' });
  }
  return text;
}

function presetFromFlags(options: Record<string, unknown>): WizardPreset {
  const preset: WizardPreset = {};
  const store = parseOptionalId(options.store, '--store');
  if (store !== undefined) preset.storeId = store;
  if (options.event !== undefined) preset.eventType = parseChoice(options.event, TRIGGER_EVENT_TYPES, '--event');
  if (options.localState !== undefined) preset.localStateId = parseId(options.localState, '--local-state');
  if (options.platformState !== undefined) preset.platformStateId = parsePlatformState(options.platformState);
  if (options.sendEmail !== undefined) preset.sendEmail = Boolean(options.sendEmail);
  preset.active = !options.inactive;
  return preset;
}

/**
 * `triggers add`: with every flag, creates the trigger at once; on a terminal with flags missing,
 * asks for the rest; otherwise (cron, pipes, --json) a missing flag is a usage error — never a
 * prompt that would hang.
 */
export async function addTrigger(ctx: CommandContext, options: Record<string, unknown>, loadPrompts: () => Promise<WizardPrompts>): Promise<CommandResult> {
  const preset = presetFromFlags(options);
  const missing = REQUIRED.filter(([key]) => preset[key] === undefined).map(([, flag]) => flag);
  const app = await ctx.openApp();
  let input;
  if (missing.length === 0) {
    input = { storeId: preset.storeId!, eventType: preset.eventType!, localStateId: preset.localStateId!, platformStateId: preset.platformStateId!, active: preset.active ?? true, sendEmail: preset.sendEmail ?? null };
  } else if (!ctx.interactive) {
    throw new UsageError('MISSING_ARGUMENT', `missing ${missing.join(', ')} (no terminal for the interactive wizard)`, {
      hint: 'Give all of --store ID --event order_status_changed|shipping_status_changed --local-state ID --platform-state <id|code>, or run it on a terminal without --json.',
    });
  } else {
    const prompts = await loadPrompts();
    try {
      input = await runTriggerWizard({
        app,
        prompts,
        write: (text) => ctx.streams.stdout.write(text),
        pullStates: async (storeId) => {
          const report = await pullStates(app, { storeId });
          const failure = report.stores.find((s) => !s.ok);
          if (failure?.error) ctx.streams.stderr.write(`error[${failure.error.code}]: ${failure.error.message}\n`);
        },
      }, preset);
    } catch (error) {
      // Ctrl-C in a prompt: nothing was created.
      if (error instanceof Error && error.name === 'ExitPromptError') {
        ctx.streams.stderr.write('Cancelled: no trigger created.\n');
        return { json: { created: null }, exitCode: ExitCode.usage };
      }
      throw error;
    }
    if (input === null) return { json: { created: null }, text: 'Nothing created.' };
  }
  const trigger = await createTrigger(app, input);
  const note = await wooEmailNote(app.db, trigger.id_store, trigger.id_state_platform);
  const notes = note === null ? [] : [note];
  return {
    // `notes` only when there is one: the trigger's JSON stays the REST shape otherwise.
    json: notes.length === 0 ? trigger : { ...trigger, notes },
    text: `Trigger created: ${triggerSummary(trigger)}${notes.map((n) => `\nNote: ${n}`).join('')}\nTry it: ecom-sync triggers test <id_order> ${trigger.id_state_local}`,
  };
}

export async function triggersAdd(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  return addTrigger(ctx, options, () => inquirerPrompts(ctx.streams));
}
