import type { App } from '../../app-types.js';
import { isEcomSyncError } from '../../errors.js';
import { listStores, type StoreRow } from '../../stores/store-repository.js';
import { subscriptionHealth, type SubscriptionHealth } from '../../webhooks/webhook-subscriptions.js';
import { INBOUND_OUTCOMES, listInboundEvents, webhookActivityByStore } from '../../webhooks/inbound-event-repository.js';
import { WEBHOOK_PLATFORMS, type WebhookPlatform } from '../../webhooks/inbound-delivery.js';
import { resolveWebhookSecret } from '../../webhooks/webhook-secret.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice, parseNonNegativeInt, parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { isoFromEpochMs, isoFromStored } from '../../dates/iso-date.js';
import { timeText } from '../../dates/time-text.js';


/** `--check`: one list call per store; a store that cannot be reached says so in its row. */
async function platformSide(app: App, store: StoreRow, signal: AbortSignal): Promise<{ subscriptions: SubscriptionHealth | null; check_error: string | null }> {
  try {
    return { subscriptions: await subscriptionHealth(app, store, signal), check_error: null };
  } catch (error) {
    if (!isEcomSyncError(error)) throw error;
    return { subscriptions: null, check_error: error.message };
  }
}

function subscriptionCell(row: { subscriptions?: SubscriptionHealth | null; check_error?: string | null }): string {
  if (row.check_error) return `UNREACHABLE: ${row.check_error}`;
  const health = row.subscriptions;
  if (!health) return '-';
  const problems = [...health.inactive.map((t) => `DISABLED ${t}`), ...health.missing.map((t) => `MISSING ${t}`)];
  return problems.length === 0 ? `${health.ours} active` : problems.join(', ');
}

export async function webhooksStatus(ctx: CommandContext, _args: string[] = [], options: Record<string, unknown> = {}): Promise<CommandResult> {
  const app = await ctx.openApp();
  const [stores, activity] = await Promise.all([listStores(app.db), webhookActivityByStore(app.db)]);
  const byStore = new Map(activity.map((a) => [a.id_store, a]));
  const check = options.check === true;
  const rows = await Promise.all(stores.map(async (store) => {
    const platform = store.platform_name.toLowerCase();
    const supported = (WEBHOOK_PLATFORMS as readonly string[]).includes(platform);
    const seen = byStore.get(store.id_store);
    return {
      id_store: store.id_store,
      store: store.name,
      platform: store.platform_name,
      webhooks: supported,
      // Whether deliveries can be verified; the secret itself is never shown.
      secret_set: supported && resolveWebhookSecret(store, app.env) !== null,
      route: supported ? `/webhooks/${platform as WebhookPlatform}/${store.id_store}` : null,
      last_received_at: isoFromEpochMs(seen?.last_received_at ?? null),
      pending: seen?.pending ?? 0,
      failed: seen?.failed ?? 0,
      ...(check && supported ? await platformSide(app, store, ctx.shutdownSignal()) : {}),
    };
  }));
  const text = rows.length === 0
    ? 'No stores.'
    : renderTable(['store', 'platform', 'route', 'secret', 'last received', 'pending', 'failed', ...(check ? ['on the platform'] : [])], rows.map((r) => [
        `${r.store} (#${r.id_store})`, r.platform, r.route ?? 'no webhooks: the orders pull is its channel',
        r.webhooks ? (r.secret_set ? 'set' : 'MISSING') : '-', timeText(r.last_received_at), r.pending, r.failed, ...(check ? [subscriptionCell(r)] : []),
      ]), { color: ctx.color });
  return { json: { stores: rows }, text };
}

export async function webhooksEvents(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseOptionalId(options.store, '--store');
  const outcome = options.status === undefined ? undefined : parseChoice(options.status, INBOUND_OUTCOMES, '--status');
  const limit = parseNonNegativeInt(options.limit ?? 50, '--limit');
  const app = await ctx.openApp();
  const events = await listInboundEvents(app.db, { ...(storeId === undefined ? {} : { storeId }), ...(outcome === undefined ? {} : { outcome }), limit });
  const json = events.map((e) => ({ ...e, received_at: isoFromEpochMs(e.received_at), processed_at: isoFromEpochMs(e.processed_at), platform_updated_at: isoFromStored(e.platform_updated_at) }));
  const text = events.length === 0
    ? 'No webhook events match.'
    : renderTable(['event', 'store', 'topic', 'order', 'received', 'outcome', 'detail'], json.map((e) => [
        e.id_inbound_event, e.id_store, e.topic, e.id_origin ?? '-', timeText(e.received_at), e.outcome, e.detail ?? '',
      ]), { color: ctx.color });
  return { json: { events: json }, text };
}
