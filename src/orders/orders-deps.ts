import type { Config } from '../config/config-types.js';
import type { EventBus } from '../events/event-bus.js';
import type { SyncDeps } from '../sync/sync-deps.js';

/**
 * What the status changes and order reads use of the application: what the sync layer uses (a
 * change creates its job and a bulk delivers its own jobs), their slice of the configuration
 * (`sync`, `transitions`) and the event bus (ORDER_STATUS_CHANGED after each commit, the handlers
 * that run inside the change's transaction). An App satisfies it.
 */
export interface OrdersDeps extends SyncDeps {
  config: Pick<Config, 'sync' | 'transitions' | 'plugins'>;
  bus: Pick<EventBus, 'emit' | 'handlers'>;
}
