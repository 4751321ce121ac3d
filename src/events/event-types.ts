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
  meta?: { sync_job_ids?: number[] };
}

export interface EventHandler {
  readonly name: string;
  canHandle(event: Event): boolean;
  handle(event: Event): Promise<void>;
}
