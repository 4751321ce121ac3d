import type { App } from '../app-types.js';
import type { SubscriptionCheck } from '../webhooks/subscription-check.js';

/**
 * The services the REST routes and the loops call: the same ones the CLI commands use. Passed in
 * (not imported by the routes) so that they load lazily and tests can wrap them, e.g. to count calls
 * or to hold a pull open.
 */
export interface DaemonServices {
  setOrderStatus(app: App, input: { orderId: number; state: number; force?: boolean; reason?: string }): Promise<object>;
  bulkSetOrderStatus(app: App, rows: Array<{ id_order: number; id_order_state: number }>, options?: { force?: boolean; reason?: string }): Promise<object>;
  pullStates(app: App, options: { storeId?: number; signal?: AbortSignal }): Promise<object>;
  pullOrders(app: App, options: { storeId?: number; signal?: AbortSignal }): Promise<object>;
  /** Delivers due sync jobs; `delivered + failed` is 0 when there was nothing to do. */
  deliverDueJobs(app: App, options: { signal?: AbortSignal; limit?: number }): Promise<{ delivered: number; failed: number }>;
  retryJob(app: App, id: number): Promise<object>;
  listJobs(app: App, options: { status?: string; orderId?: number; limit?: number }): Promise<object[]>;
  findJob(app: App, id: number): Promise<object | undefined>;
  /** Asks each webhook store's platform whether ecom-sync's subscriptions are still active. */
  checkWebhookSubscriptions(app: App, options: { signal?: AbortSignal }): Promise<SubscriptionCheck[]>;
  /** Hands back the job leases this process holds (shutdown). */
  releaseLeases(app: App): Promise<unknown>;
  listTriggers(app: App, options: { storeId?: number }): Promise<object[]>;
  getTrigger(app: App, id: number): Promise<object>;
  createTrigger(app: App, input: TriggerInput): Promise<object>;
  setTriggerActive(app: App, id: number, active: boolean): Promise<object>;
  removeTrigger(app: App, id: number): Promise<unknown>;
  /** State transition rules (src/transitions). */
  listTransitions(app: App, options: { stateType?: 'order_state' | 'shipping_state' }): Promise<object>;
  allowTransition(app: App, input: TransitionInput): Promise<object>;
  denyTransition(app: App, input: TransitionInput): Promise<object>;
}

export interface TransitionInput {
  stateType?: 'order_state' | 'shipping_state';
  /** A local state id or its exact name. */
  from: number | string;
  to: number | string;
  bothWays?: boolean;
}

export interface TriggerInput {
  storeId: number;
  eventType: string;
  localStateId: number;
  stateType?: string;
  /** The platform's own state id (ecommerce_order_states.id_platform_state) in the store's catalogue. */
  platformStateId: number;
  active?: boolean;
  sendEmail?: boolean | null;
}
