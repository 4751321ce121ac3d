import type { App } from '../../app-types.js';
import { deliverDueJobs } from '../../sync/deliver-due-jobs.js';
import { enqueueForChange, noTriggerMessage } from '../../sync/enqueue-for-change.js';
import type { TriggerKind } from '../../sync/trigger-target.js';
import { EventType, type Event, type EventHandler } from '../event-types.js';

/**
 * The spec's PlatformStateSyncHandler: pushes a local state change to the order's platform when
 * an active trigger maps it. The order service creates the job inside its transaction and passes
 * its id in `meta.sync_job_ids`; an event emitted without it (another emitter, the spec's own
 * test) has its job created here, through the same sync port with the rules for an event that
 * may arrive twice. Either way the job is durable before the platform is called, and this
 * handler waits for the delivery. Registered only when `plugins.platform_state_sync.enabled`.
 */
export class PlatformStateSyncHandler implements EventHandler {
  readonly name = 'platform_state_sync';

  constructor(private readonly app: App) {}

  canHandle(event: Event): boolean {
    return event.event_type === EventType.ORDER_STATUS_CHANGED || event.event_type === EventType.SHIPPING_STATUS_CHANGED;
  }

  async handle(event: Event): Promise<void> {
    const jobIds = event.meta?.sync_job_ids ?? (await this.enqueueFor(event));
    if (jobIds.length === 0) return;
    await deliverDueJobs(this.app, { jobIds });
  }

  private async enqueueFor(event: Event): Promise<number[]> {
    const { app } = this;
    const kind: TriggerKind = event.event_type === EventType.ORDER_STATUS_CHANGED ? 'order' : 'shipping';
    const orderId = event.data.order_id;
    const stateId = event.data.new_state_id;
    const order = await app.db.selectFrom('orders').select(['id_order', 'id_store', 'id_origin', 'id_ecommerce_state']).where('id_order', '=', orderId).executeTakeFirst();
    const synced = order === undefined ? { outcome: 'not-linked' as const }
      : await app.db.transaction().execute((trx) => enqueueForChange(trx, { order, kind, localStateId: stateId }, { config: app.config, now: app.clock.now(), push: true, rules: 'event' }));
    switch (synced.outcome) {
      case 'queued':
      case 'reused':
        return [synced.id_sync_job];
      case 'no-trigger':
        app.logger.debug(noTriggerMessage(orderId, stateId, order!.id_store!));
        return [];
      case 'not-linked':
        app.logger.debug(`order ${orderId} is not linked to a platform order: nothing to push`);
        return [];
      case 'already-there':
      case 'not-pushed':
        return [];
    }
  }
}
