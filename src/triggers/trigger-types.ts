/** The two event types of the spec and the kind of local state each one maps. */
export const TRIGGER_EVENT_TYPES = ['order_status_changed', 'shipping_status_changed'] as const;
export type TriggerEventType = (typeof TRIGGER_EVENT_TYPES)[number];

export const TRIGGER_STATE_TYPES = ['order_state', 'shipping_state'] as const;
export type TriggerStateType = (typeof TRIGGER_STATE_TYPES)[number];

/** The state type follows from the event type: an order event maps order states, a shipping event shipping states. */
export function stateTypeFor(eventType: TriggerEventType): TriggerStateType {
  return eventType === 'order_status_changed' ? 'order_state' : 'shipping_state';
}

export function isTriggerEventType(value: unknown): value is TriggerEventType {
  return typeof value === 'string' && (TRIGGER_EVENT_TYPES as readonly string[]).includes(value);
}

export interface CreateTriggerInput {
  storeId: number;
  eventType: TriggerEventType | string;
  /** Optional: when given it must agree with the event type. */
  stateType?: TriggerStateType | string;
  localStateId: number;
  /** The platform's own state id (ecommerce_order_states.id_platform_state) in that store's catalogue. */
  /** The spec's id_platform_state, or the platform's code of the state (`fulfilled`, `completed`). */
  platformStateId: number | string;
  active?: boolean;
  /** true/false override the store and config; null or absent inherits them. */
  sendEmail?: boolean | null;
}

/**
 * A trigger as every output shows it: the spec's columns, then names so that people need no
 * second lookup. `id_state_platform` is the local ecommerce_order_states id (the spec's FK);
 * `platform_state_id` is the platform's own id that is sent to PrestaShop.
 */
export interface TriggerView {
  id_trigger: number;
  event_type: string;
  id_store: number;
  state_type: string;
  id_state_local: number;
  id_state_platform: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
  store_name: string;
  local_state_name: string | null;
  platform_state_id: number | null;
  platform_state_name: string | null;
  /** The store the platform state belongs to (differs from id_store only for rows written by hand). */
  platform_state_store: number | null;
  /** 'deleted' or 'missing' when the platform state can no longer be used. */
  platform_state_flag: 'deleted' | 'missing' | null;
  send_email: boolean | null;
}
