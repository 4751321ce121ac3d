import { afterEach, describe, expect, it } from 'vitest';
import { addTrigger } from '../../../src/cli/commands/triggers-add.js';
import type { Choice, WizardPrompts } from '../../../src/cli/commands/triggers-wizard.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { createTrigger, listTriggers, removeTrigger, type TriggerView } from '../../../src/triggers/index.js';
import { createCliFixture, terminalContext, type CliFixture } from './cli-fixture.js';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

type Answer = { select: string } | { confirm: boolean };

interface Asked {
  message: string;
  choices?: Array<Choice<unknown>>;
}

/** Prompts answered from a script: a select answer names the choice by the start of its label. */
function scriptedPrompts(script: Answer[]): { prompts: WizardPrompts; asked: Asked[] } {
  const asked: Asked[] = [];
  const prompts: WizardPrompts = {
    async select<T>(config: { message: string; choices: Array<Choice<T>> }): Promise<T> {
      asked.push({ message: config.message, choices: config.choices as Array<Choice<unknown>> });
      const answer = script.shift();
      if (!answer || !('select' in answer)) throw new Error(`unexpected select: ${config.message}`);
      const choice = config.choices.find((c) => c.name.startsWith(answer.select));
      if (!choice) throw new Error(`no choice "${answer.select}" in ${config.choices.map((c) => c.name).join(' | ')}`);
      if (choice.disabled) throw new Error(`choice "${choice.name}" is disabled: ${String(choice.disabled)}`);
      return choice.value;
    },
    async confirm(config) {
      asked.push({ message: config.message });
      const answer = script.shift();
      if (!answer || !('confirm' in answer)) throw new Error(`unexpected confirm: ${config.message}`);
      return answer.confirm;
    },
  };
  return { prompts, asked };
}

const comparable = (t: TriggerView) => {
  const { id_trigger: _id, created_at: _c, updated_at: _u, ...rest } = t;
  return rest;
};

describe('triggers add wizard', () => {
  it('driven through its prompts creates the same trigger as the flags', async () => {
    fixture = await createCliFixture({ sandbox: { orders: 2 } });
    const { t } = fixture;
    await pullStates(t.app);
    const byFlags = await createTrigger(t.app, { storeId: 1, eventType: 'order_status_changed', localStateId: 4, platformStateId: 4, sendEmail: true });
    await removeTrigger(t.app, byFlags.id_trigger);

    const { ctx, stdout } = terminalContext(fixture);
    expect(ctx.interactive).toBe(true);
    const { prompts, asked } = scriptedPrompts([
      { select: '#1 sandbox' },
      { select: 'order_status_changed' },
      { select: '4 Spedito' },
      { select: '4 05 - Spedito' },
      { select: 'yes' },
      { confirm: true },
    ]);
    const result = await addTrigger(ctx, {}, async () => prompts);
    await ctx.dispose();

    expect(asked.map((a) => a.message)).toEqual([
      'Store', 'Event type', 'Local order state that fires it', 'Platform state of sandbox to set (PrestaShop id and name)',
      'Send the customer the e-mail of the platform state?', 'Create this trigger?',
    ]);
    const created = result.json as TriggerView;
    expect(comparable(created)).toEqual(comparable(byFlags));
    expect(stdout()).toContain('platform state  4 05 - Spedito');
    expect(stdout()).toContain('customer e-mail yes');
    // Flagged states are not offered: 14 is deleted on the seeded shop.
    const platformChoices = asked[3]!.choices!.map((c) => c.value);
    expect(platformChoices).toContain(4);
    expect(platformChoices).not.toContain(14);
    // Local states are listed with their names.
    expect(asked[2]!.choices!.map((c) => c.name)).toContain('3 In preparazione');
  });

  it('skips the steps given as flags, disables local states already mapped, and creates nothing when declined', async () => {
    fixture = await createCliFixture({ sandbox: { orders: 2 } });
    const { t } = fixture;
    await pullStates(t.app);
    const existing = await createTrigger(t.app, { storeId: 1, eventType: 'order_status_changed', localStateId: 3, platformStateId: 3 });

    const { ctx } = terminalContext(fixture);
    const { prompts, asked } = scriptedPrompts([
      { select: '5 Consegnato' },
      { select: '5 Consegnato' },
      { select: 'inherit' },
      { confirm: false },
    ]);
    const result = await addTrigger(ctx, { store: '1', event: 'order_status_changed' }, async () => prompts);
    await ctx.dispose();
    expect(asked[0]!.choices!.find((c) => c.value === 3)!.disabled).toBe(`(trigger #${existing.id_trigger} already maps it)`);
    expect(result.text).toBe('Nothing created.');
    expect(await listTriggers(t.app)).toHaveLength(1);
  });

  it('offers to pull the catalogue when none was pulled, then lists it', async () => {
    fixture = await createCliFixture({ sandbox: { orders: 2 } });
    const { ctx } = terminalContext(fixture);
    const { prompts } = scriptedPrompts([
      { select: 'shipping_status_changed' },
      { select: '2 In transito' },
      { confirm: true },
      { select: '4 05 - Spedito' },
      { select: 'no' },
      { confirm: true },
    ]);
    const result = await addTrigger(ctx, { store: '1' }, async () => prompts);
    await ctx.dispose();
    expect(result.json).toMatchObject({ event_type: 'shipping_status_changed', state_type: 'shipping_state', id_state_local: 2, platform_state_id: 4, send_email: false });
  });

  it('a wrong flag is refused before any prompt', async () => {
    fixture = await createCliFixture({ sandbox: { orders: 2 } });
    await pullStates(fixture.t.app);
    const { ctx } = terminalContext(fixture);
    const { prompts, asked } = scriptedPrompts([]);
    await expect(addTrigger(ctx, { store: '1', event: 'order_status_changed', localState: '42' }, async () => prompts)).rejects.toMatchObject({ code: 'LOCAL_STATE_NOT_FOUND' });
    await ctx.dispose();
    expect(asked).toEqual([]);
  });
});
