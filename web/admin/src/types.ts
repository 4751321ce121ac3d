/** The shapes of the daemon's answers the pages read (see /openapi.json). */
export interface StoreOverview {
  id_store: number; name: string; platform: string; is_active: boolean; credentials: 'failing' | 'configured' | 'missing';
  credentials_error: string | null; credentials_failed_at: string | null; states_pulled_at: string | null; orders_pulled_at: string | null;
  webhooks: boolean; last_webhook_at: string | null; webhooks_pending: number; webhooks_failed: number;
}
export interface LoopStatus {
  active: boolean; runs: number; failures: number; running: boolean; last_started_at: string | null; last_finished_at: string | null;
  last_error: string | null; next_run_at: string | null;
}
export interface Overview {
  stores: StoreOverview[];
  queue: { pending: number; running: number; failed: number; done: number; superseded: number; cancelled: number; oldest_pending_age_s: number | null };
  drift: number;
  started_at: string;
  leader: boolean;
  loops: Record<string, LoopStatus>;
}
export interface InitData {
  order_states: Array<{ id_order_state: number; name: string }>;
  shipping_states: Array<{ id_shipping_state: number; name: string }>;
  ecommerce_order_states: Array<{ id_ecommerce_order_state: number; id_platform_state: number; id_store: number; name: string; is_deleted: boolean; is_missing: boolean }>;
}
export interface Trigger {
  id_trigger: number; event_type: string; id_store: number; state_type: string; id_state_local: number; id_state_platform: number; is_active: boolean;
  store_name: string; local_state_name: string | null; platform_state_id: number | null; platform_state_name: string | null;
  platform_state_flag: 'deleted' | 'missing' | null; send_email: boolean | null;
}
export interface PushPreview {
  method: string; url: string; body: string; send_email: boolean; platform_state: { id_platform_state: number; name: string };
  example_order: { id_order: number; id_origin: number; reference: string | null } | null;
}
export interface QueueJob {
  id_sync_job: number; id_order: number; reference: string | null; id_store: number; store_name: string | null; event_type: string; status: string;
  id_state_local: number; local_state_name: string | null; id_platform_state: number; platform_state_name: string | null;
  attempts: number; runs: number; in_doubt: boolean; last_error: string | null; last_http_status: number | null; next_attempt_at: string; created_at: string; updated_at: string;
}
export interface OrderRow {
  id_order: number; reference: string | null; id_store: number | null; store_name: string | null; id_origin: number | null;
  id_order_state: number; order_state: string | null; platform_state: string | null; total_price_with_tax: number; date_upd: string;
}
/** GET /api/v1/admin/orders/{id}: the spec's order detail (as GET /api/v1/orders/{id}) with the order's pushes and sync log. */
export interface OrderDetails {
  id_order: number; reference: string | null; id_store: number | null; store_name: string | null; id_origin: number | null; id_order_state: number;
  order_state_name: string | null; ecommerce_order_state: { id: number; id_platform_state: number; state_name: string } | null; total_price_with_tax: number; date_upd: string;
  history: Array<{ id_order_state: number; state_name: string | null; date_add: string; reason: string | null }>;
  sync_jobs: Array<{ id_sync_job: number; status: string; id_state_local: number; id_platform_state: number; platform_state_name: string | null; attempts: number; runs: number; last_error: string | null; created_at: string; done_at: string | null }>;
  sync_log: Array<{ id_sync_job: number | null; level: string; message: string; created_at: string }>;
}
export interface StatusChange {
  message: string; id_order: number; old_state: number | null; new_state: number; new_state_name: string; changed: boolean;
  sync: { id_sync_job: number; status: string; platform_state_name: string; attempts: number; error: string | null } | null;
  sync_note: string | null; dry_run?: boolean;
  trigger?: { id_trigger: number; platform_state_name: string; id_platform_state: number; unusable: string | null } | null;
  platform_call?: { method: string; url: string; send_email: boolean; body: string } | null;
}
export interface DriftRow {
  id_order: number; reference: string | null; id_store: number; store_name: string; id_order_state: number; order_state: string | null;
  platform_state: { id: number; id_platform_state: number; name: string };
  expected_state: { id: number; id_platform_state: number; name: string; id_trigger: number };
  accept_state: { id_order_state: number; name: string | null } | null;
}
export type StateType = 'order_state' | 'shipping_state';
export interface TransitionRule { state_type: StateType; id_state_from: number; from_name: string | null; id_state_to: number; to_name: string | null }
export interface TransitionList {
  mode: 'off' | 'warn' | 'enforce';
  transitions: TransitionRule[];
  final_triggers: Array<{ id_trigger: number; id_store: number; state_type: string; id_state_local: number; platform: string; platform_state: string; rule: string }>;
}
