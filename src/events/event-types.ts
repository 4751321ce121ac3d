import type { Transaction } from 'kysely';
import type { Database } from '../db/database-types.js';

/** The events of the spec, with its data shapes exactly. */
export const EventType = {
  ORDER_STATUS_CHANGED: 'ORDER_STATUS_CHANGED',
  SHIPPING_STATUS_CHANGED: 'SHIPPING_STATUS_CHANGED',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export interface OrderStatusChangedData {
  order_id: number;
  old_state_id: number;
  new_state_id: number;
  id_platform: number | null;
}

export interface ShippingStatusChangedData {
  order_id: number;
  old_state_id: number | null;
  new_state_id: number;
  id_platform: number | null;
}

export interface EventDataMap {
  ORDER_STATUS_CHANGED: OrderStatusChangedData;
  SHIPPING_STATUS_CHANGED: ShippingStatusChangedData;
}

export interface Event<T extends EventType = EventType> {
  event_type: T;
  data: EventDataMap[T];
  /** Sync jobs created in the same transaction as the change, for the handlers that deliver them. */
  meta?: EventMeta;
}

export interface EventMeta {
  /**
   * Sync jobs created in the same transaction as the change. Present (possibly empty) when the
   * emitter already looked up the trigger; absent when a handler must look it up itself.
   */
  sync_job_ids?: number[];
}

export interface EventHandler {
  readonly name: string;
  canHandle(event: Event): boolean;
  handle(event: Event): Promise<void>;
  /**
   * Work that must commit together with the change (stock movements): called inside the status
   * transaction, before the commit, with every event of the batch. A failure rolls the change back.
   */
  handleInTransaction?(trx: Transaction<Database>, events: readonly Event[]): Promise<void>;
}
