import type { TriggerView } from '../../triggers/trigger-types.js';

/** `3 "05 - Spedito"`, with the flag when the state can no longer be used. */
export function platformStateLabel(trigger: TriggerView): string {
  if (trigger.platform_state_id === null) return `? (local #${trigger.id_state_platform} missing)`;
  const flag = trigger.platform_state_flag ? ` (${trigger.platform_state_flag})` : '';
  const otherStore = trigger.platform_state_store !== null && trigger.platform_state_store !== trigger.id_store ? ` [store #${trigger.platform_state_store}!]` : '';
  return `${trigger.platform_state_id} ${trigger.platform_state_name ?? ''}${flag}${otherStore}`;
}

export function localStateLabel(trigger: TriggerView): string {
  return `${trigger.id_state_local} ${trigger.local_state_name ?? '(unknown)'}`;
}

export function emailLabel(sendEmail: boolean | null): string {
  return sendEmail === null ? 'inherit' : sendEmail ? 'yes' : 'no';
}

export function triggerSummary(trigger: TriggerView): string {
  return `#${trigger.id_trigger} ${trigger.event_type}: store #${trigger.id_store} ${trigger.store_name}, local ${trigger.state_type.replace('_', ' ')} ${localStateLabel(trigger)} -> platform state ${platformStateLabel(trigger)}`
    + `, e-mail ${emailLabel(trigger.send_email)}, ${trigger.is_active ? 'active' : 'inactive'}`;
}
