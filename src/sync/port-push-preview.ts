import type { SyncDeps } from './sync-deps.js';
import type { PlatformCallPreview } from '../orders/status-change-types.js';
import type { StoreRow } from '../stores/store-repository.js';
import { loadPortPush } from './deliver-port-job.js';

/**
 * The dry-run / preview of a push, from the store's platform port (`describePush`): the one
 * implementation `orders set-status --dry-run`, `triggers test`, the admin trigger preview and
 * REST share, for every platform. Sends nothing and needs no key.
 */
export async function previewPortPush(
  app: SyncDeps, store: StoreRow, order: { id_order: number; id_origin: number }, state: { id_ecommerce_order_state: number; id_platform_state: number }, sendEmail: boolean,
): Promise<PlatformCallPreview> {
  const port = await app.platforms.portForStore(store, app.env);
  const { target, order: pushOrder } = await loadPortPush(app.db, { ...order, ...state, id_store: store.id_store });
  const preview = port.describePush(pushOrder, target, { sendEmail });
  const write = preview.requests.at(-1) ?? { method: '', url: '', body: null };
  return {
    method: write.method, url: write.url, body: write.body ?? '', send_email: sendEmail,
    requests: preview.requests, summary: preview.summary, customer_email: preview.customerEmail, notes: preview.notes,
  };
}
