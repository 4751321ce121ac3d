import type { App } from '../../app-types.js';
import type { OutputStreams } from '../output.js';
import { ValidationError } from '../../errors.js';
import { listPulledStates, type PulledState } from '../../pull/state-catalogue-repository.js';
import { getStoreById, listStores } from '../../stores/store-repository.js';
import { resolveSendEmail } from '../../sync/trigger-target.js';
import { listTriggerViews } from '../../triggers/trigger-repository.js';
import { stateTypeFor, type CreateTriggerInput, type TriggerEventType, type TriggerStateType } from '../../triggers/trigger-types.js';
import { checkEventAndStateType, checkLocalState, checkNoActiveDuplicate, checkPlatformState } from '../../triggers/trigger-validation.js';
import { emailLabel } from './triggers-format.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  disabled?: boolean | string;
}

/** The two prompt kinds the wizard uses; tests drive them directly, the CLI binds @inquirer/prompts. */
export interface WizardPrompts {
  select<T>(config: { message: string; choices: Array<Choice<T>>; default?: T }): Promise<T>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}

/** Flags given on the command line: their steps are skipped. */
export interface WizardPreset {
  storeId?: number;
  eventType?: TriggerEventType;
  localStateId?: number;
  platformStateId?: number | string;
  sendEmail?: boolean | null;
  active?: boolean;
}

export interface WizardDeps {
  app: App;
  prompts: WizardPrompts;
  /** Where the preview goes (stdout of the terminal). */
  write(text: string): void;
  /** Pulls a store's catalogue when none was pulled yet (the wizard offers it). */
  pullStates?(storeId: number): Promise<void>;
}

const EVENT_CHOICES: Array<Choice<TriggerEventType>> = [
  { name: 'order_status_changed (maps a local order state)', value: 'order_status_changed', description: 'fires when an order enters a local order state' },
  { name: 'shipping_status_changed (maps a local shipping state)', value: 'shipping_status_changed', description: "fires when an order's shipment enters a local shipping state" },
];

async function localStates(app: App, stateType: TriggerStateType): Promise<Array<{ id: number; name: string }>> {
  return stateType === 'order_state'
    ? (await app.db.selectFrom('order_states').select(['id_order_state as id', 'name']).orderBy('id_order_state').execute())
    : (await app.db.selectFrom('shipping_state').select(['id_shipping_state as id', 'name']).orderBy('id_shipping_state').execute());
}

/**
 * store -> event type (the state type follows) -> local state -> platform state -> e-mail ->
 * preview -> confirm. Returns what to create, or null when the admin declines at the end.
 * Every answer is checked with the same rules createTrigger applies, so the wizard never offers
 * a choice that would be refused (already-mapped local states and flagged platform states).
 */
export async function runTriggerWizard(deps: WizardDeps, preset: WizardPreset = {}): Promise<CreateTriggerInput | null> {
  const { app, prompts } = deps;

  let storeId = preset.storeId;
  if (storeId === undefined) {
    const stores = await listStores(app.db, { activeOnly: true });
    if (stores.length === 0) {
      throw new ValidationError('NO_STORES', 'there is no active store to add a trigger to');
    }
    storeId = await prompts.select({
      message: 'Store',
      choices: stores.map((s) => ({ name: `#${s.id_store} ${s.name} (${s.platform_name}, ${s.base_url})`, value: s.id_store })),
      default: (stores.find((s) => s.is_default === 1) ?? stores[0])!.id_store,
    });
  }
  const store = await getStoreById(app.db, storeId);

  const eventType = preset.eventType ?? await prompts.select({ message: 'Event type', choices: EVENT_CHOICES, default: 'order_status_changed' });
  const { stateType, kind } = checkEventAndStateType(eventType, undefined);
  const active = preset.active ?? true;

  let localStateId = preset.localStateId;
  if (localStateId === undefined) {
    const taken = new Map(
      (await listTriggerViews(app.db, { storeId }))
        .filter((t) => t.is_active && t.event_type === eventType && t.state_type === stateType)
        .map((t) => [t.id_state_local, t.id_trigger]),
    );
    const states = await localStates(app, stateType);
    localStateId = await prompts.select({
      message: `Local ${stateType.replace('_', ' ')} that fires it`,
      choices: states.map((s) => {
        const existing = taken.get(s.id);
        return { name: `${s.id} ${s.name}`, value: s.id, ...(active && existing !== undefined ? { disabled: `(trigger #${existing} already maps it)` } : {}) };
      }),
    });
  }
  const localStateName = await checkLocalState(app.db, stateType, localStateId);
  if (active) await checkNoActiveDuplicate(app.db, { storeId, kind, localStateId });

  let platformStateId = preset.platformStateId;
  if (platformStateId === undefined) {
    let catalogue: PulledState[] = await listPulledStates(app.db, { storeId });
    if (catalogue.length === 0 && deps.pullStates) {
      const pull = await prompts.confirm({ message: `No platform states pulled for ${store.name} yet. Pull them now?`, default: true });
      if (pull) {
        await deps.pullStates(storeId);
        catalogue = await listPulledStates(app.db, { storeId });
      }
    }
    if (catalogue.length === 0) {
      throw new ValidationError('NO_PLATFORM_STATES', `store ${store.name} (#${storeId}) has no usable platform states`, { hint: `Run \`ecom-sync states pull --store ${storeId}\` first.` });
    }
    // Shopify and WooCommerce states have codes of their own (`fulfilled`, `completed`): listed too.
    const coded = catalogue.some((s) => s.code !== null && s.code !== String(s.id_platform_state));
    platformStateId = await prompts.select({
      message: `Platform state of ${store.name} to set (${coded ? 'id, code' : 'PrestaShop id'} and name)`,
      choices: catalogue.map((s) => ({ name: s.code === null || s.code === String(s.id_platform_state) ? `${s.id_platform_state} ${s.name}` : `${s.id_platform_state} ${s.code} ${s.name}`, value: s.id_platform_state, ...(s.send_email ? { description: 'the platform can e-mail the customer on this state' } : {}) })),
    });
  }
  const target = await checkPlatformState(app.db, store, platformStateId);

  let sendEmail = preset.sendEmail;
  if (sendEmail === undefined) {
    const inherited = resolveSendEmail(null, store.send_email, app.config.sync);
    sendEmail = await prompts.select<boolean | null>({
      message: 'Send the customer the e-mail of the platform state?',
      choices: [
        { name: `inherit (store/config default: ${inherited ? 'yes' : 'no'})`, value: null },
        { name: 'yes (sendemail=1)', value: true },
        { name: 'no', value: false },
      ],
      default: null,
    });
  }

  deps.write([
    '',
    'New trigger:',
    `  store           #${store.id_store} ${store.name}`,
    `  event           ${eventType} (${stateTypeFor(eventType)})`,
    `  local state     ${localStateId} ${localStateName}`,
    `  platform state  ${target.id_platform_state} ${target.name}`,
    `  customer e-mail ${emailLabel(sendEmail)}`,
    `  active          ${active ? 'yes' : 'no'}`,
    `When an order of ${store.name} enters "${localStateName}", ecom-sync sets it to "${target.name}" (id ${target.id_platform_state}) on the platform.`,
    '',
  ].join('\n'));
  const confirmed = await prompts.confirm({ message: 'Create this trigger?', default: true });
  if (!confirmed) return null;
  return { storeId, eventType, stateType, localStateId, platformStateId, active, sendEmail };
}

/** @inquirer/prompts bound to the command's streams; imported only when the wizard runs. */
export async function inquirerPrompts(streams: OutputStreams): Promise<WizardPrompts> {
  const inquirer = await import('@inquirer/prompts');
  const context = { input: streams.stdin, output: streams.stdout };
  return {
    select: (config) => inquirer.select(config, context),
    confirm: (config) => inquirer.confirm(config, context),
  };
}
