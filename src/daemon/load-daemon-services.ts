import type { SyncJobStatus } from '../db/database-types.js';
import { ConflictError } from '../errors.js';
import type { DaemonServices } from './daemon-services.js';

/** The real services, imported on first use of the daemon (the CLI's --help loads none of them). */
export async function loadDaemonServices(): Promise<DaemonServices> {
  const [orders, bulk, states, ordersPull, sync, triggers, transitions, subscriptions] = await Promise.all([
    import('../orders/set-order-status.js'),
    import('../orders/bulk-order-status.js'),
    import('../pull/states-pull.js'),
    import('../pull/orders-pull.js'),
    import('../sync/index.js'),
    import('../triggers/index.js'),
    import('../transitions/index.js'),
    import('../webhooks/subscription-check.js'),
  ]);
  return {
    setOrderStatus: (app, input) => orders.setOrderStatus(app, input),
    bulkSetOrderStatus: (app, rows, options) => bulk.bulkSetOrderStatus(app, rows, options),
    pullStates: (app, options) => states.pullStates(app, options),
    pullOrders: (app, options) => ordersPull.pullOrders(app, options),
    deliverDueJobs: (app, options) => sync.deliverDueJobs(app, options),
    async retryJob(app, id) {
      const result = await sync.retryJobs(app, { ids: [id] });
      const skipped = result.skipped.find((s) => s.id_sync_job === id);
      if (skipped) {
        throw new ConflictError('SYNC_JOB_NOT_RETRYABLE', `sync job ${id} is ${skipped.status}; only failed or pending jobs can be retried`);
      }
      return { ...result, job: await sync.findJob(app, id) };
    },
    listJobs: (app, options) => sync.listJobs(app, { ...options, status: options.status as SyncJobStatus | undefined }),
    findJob: (app, id) => sync.findJob(app, id),
    releaseLeases: (app) => sync.releaseLeases(app),
    checkWebhookSubscriptions: (app, options) => subscriptions.checkWebhookSubscriptions(app, options.signal),
    listTriggers: (app, options) => triggers.listTriggers(app, options),
    getTrigger: (app, id) => triggers.getTrigger(app, id),
    createTrigger: (app, input) => triggers.createTrigger(app, input),
    setTriggerActive: (app, id, active) => triggers.setTriggerActive(app, id, active),
    removeTrigger: (app, id) => triggers.removeTrigger(app, id),
    listTransitions: (app, options) => transitions.listTransitionRules(app, options),
    allowTransition: (app, input) => transitions.allowTransition(app, input),
    denyTransition: (app, input) => transitions.denyTransition(app, input),
  };
}
