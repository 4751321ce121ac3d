import type { SyncJobStatus } from '../db/database-types.js';
import type { TransitionVerdict } from '../transitions/transition-types.js';

export interface StatusChangeInput {
  orderId: number;
  /** A local state id or its exact name. */
  state: number | string;
  /** Default true; false records the change without a sync job (`--no-sync`). */
  sync?: boolean;
  /** Validate and show what would happen; change nothing. */
  dryRun?: boolean;
  /** An admin's override of the transition rules; needs `reason`, which is stored with the history row. */
  force?: boolean;
  reason?: string | null;
}

/** The outcome of the platform push that followed the change. */
export interface SyncOutcome {
  id_sync_job: number;
  status: SyncJobStatus;
  id_store: number;
  id_platform_state: number;
  platform_state_name: string;
  id_ecommerce_order_state: number;
  send_email: boolean;
  attempts: number;
  error: string | null;
  http_status: number | null;
  /** Pending because the shop asked to wait (Retry-After): not before this time (ISO 8601). */
  wait_until: string | null;
}

export interface PlatformCallPreview {
  /** The write (PrestaShop: the POST of order_histories; Shopify/WooCommerce: the push's last request). */
  method: string;
  url: string;
  send_email: boolean;
  body: string;
  /** Shopify and WooCommerce: every request of the push in order, a line for people, what the shop itself decides. */
  requests?: Array<{ method: string; url: string; body: string | null }>;
  summary?: string;
  customer_email?: boolean | 'platform';
  notes?: string[];
}

export interface TriggerPreview {
  id_trigger: number;
  id_store: number;
  id_state_local: number;
  id_ecommerce_order_state: number;
  id_platform_state: number;
  platform_state_name: string;
  /** Why it would not be pushed (deleted or vanished platform state), or null. */
  unusable: string | null;
}

export interface SetOrderStatusResult {
  /** The spec's PUT response fields. */
  message: string;
  id_order: number;
  old_state: number | null;
  new_state: number;
  new_state_name: string;
  /** false: the order already was in that state; nothing was written or emitted. */
  changed: boolean;
  /** The push to the platform, or null when none was made (reason in `sync_note`). */
  sync: SyncOutcome | null;
  sync_note: string | null;
  dry_run?: boolean;
  trigger?: TriggerPreview | null;
  platform_call?: PlatformCallPreview | null;
  /** The transition rules' verdict (present unless transitions.mode is off and no override was given). */
  transition?: TransitionVerdict;
  /** A rule broken but applied (warn mode or override); absent when there is nothing to say. */
  warnings?: string[];
  /** The override's reason, as stored with the history row. */
  reason?: string;
}
