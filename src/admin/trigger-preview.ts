import type { App } from '../app-types.js';
import { getStoreById } from '../stores/store-repository.js';
import { previewPortPush } from '../sync/port-push-preview.js';
import { resolveSendEmail } from '../sync/trigger-target.js';
import { checkPlatformState } from '../triggers/trigger-validation.js';

export interface TriggerPushPreview {
  method: string;
  url: string;
  body: string;
  send_email: boolean;
  platform_state: { id_platform_state: number; name: string };
  /** The order the example uses: the store's newest one, or none (then platform order id 1). */
  example_order: { id_order: number; id_origin: number; reference: string | null } | null;
  /** The platform's own preview: every request of the push, a line for people. */
  summary?: string;
  requests?: Array<{ method: string; url: string; body: string | null }>;
}

/**
 * What a trigger that is being written would push when an order enters its local state: the same
 * request the sync worker sends, shown on the store's newest order. Validates like creating does.
 */
export async function previewTriggerPush(app: App, input: { storeId: number; platformStateId: number; sendEmail?: boolean | null }): Promise<TriggerPushPreview> {
  const store = await getStoreById(app.db, input.storeId);
  const state = await checkPlatformState(app.db, store, input.platformStateId);
  const order = await app.db.selectFrom('orders').select(['id_order', 'id_origin', 'reference'])
    .where('id_store', '=', store.id_store).where('id_origin', 'is not', null).orderBy('id_order', 'desc').limit(1).executeTakeFirst();
  const sendEmail = resolveSendEmail(input.sendEmail, store.send_email, app.config.sync);
  const origin = order?.id_origin ?? 1;
  const example = order ? { id_order: order.id_order, id_origin: origin, reference: order.reference } : null;
  const preview = await previewPortPush(app, store, { id_order: order?.id_order ?? 0, id_origin: origin }, state, sendEmail);
  return {
    method: preview.method, url: preview.url, body: preview.body, send_email: sendEmail, platform_state: { id_platform_state: state.id_platform_state, name: state.name },
    example_order: example, ...(preview.summary === undefined ? {} : { summary: preview.summary }), ...(preview.requests === undefined ? {} : { requests: preview.requests }),
  };
}
