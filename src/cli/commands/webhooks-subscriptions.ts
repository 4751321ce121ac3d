import { ExitCode, isEcomSyncError, UsageError } from '../../errors.js';
import { getStoreById, listStores } from '../../stores/store-repository.js';
import { WEBHOOK_PLATFORMS } from '../../webhooks/inbound-delivery.js';
import { setupStoreWebhooks } from '../../webhooks/webhook-setup.js';
import { listStoreSubscriptions, removeStoreSubscriptions, type ListedSubscription } from '../../webhooks/webhook-subscriptions.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseId, parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';

/** `webhooks setup --store N [--url …] [--reset-secret]` */
export async function webhooksSetup(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseId(options.store, '--store');
  const url = typeof options.url === 'string' ? options.url : undefined;
  const app = await ctx.openApp();
  const store = await getStoreById(app.db, storeId);
  const report = await setupStoreWebhooks(app, store, { ...(url === undefined ? {} : { url }), resetSecret: options.resetSecret === true, signal: ctx.shutdownSignal() });
  const counts = (action: string) => report.subscriptions.filter((s) => s.action === action).length;
  const summary = `Store #${report.id_store} ${report.store} (${report.platform}): ${counts('created')} created, ${counts('updated')} updated, ${counts('unchanged')} already in place${counts('removed_duplicate') > 0 ? `, ${counts('removed_duplicate')} duplicate(s) removed` : ''}.`;
  const secret = report.secret === 'generated'
    ? 'Signing secret: generated and stored with the store (never shown).'
    : `Signing secret: ${report.secret === 'app client secret' ? "the app's client secret" : report.secret === 'environment' ? 'from the store\'s variable' : 'the one stored with the store'} (never shown).`;
  const table = renderTable(['topic', 'action', 'id', 'url', 'status', 'detail'], report.subscriptions.map((s) => [s.topic, s.action.replace('_', ' '), s.id, s.url, s.status, s.detail ?? '']), { color: ctx.color });
  return { json: report, text: `${summary}\nDeliveries go to ${report.url}\n${secret}\n${table}` };
}

function subscriptionRows(rows: Array<{ store: string; subscription: ListedSubscription }>): Array<Array<string | number>> {
  return rows.map(({ store, subscription: s }) => [
    store, s.topic, s.url, s.status === 'active' ? 'active' : `${s.status.toUpperCase()} (the platform delivers nothing)`, s.ours ? 'ecom-sync' : 'other', s.id,
  ]);
}

/** `webhooks list [--store N]`: what each platform has, ecom-sync's and others', and whether the platform stopped delivering. */
export async function webhooksList(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseOptionalId(options.store, '--store');
  const app = await ctx.openApp();
  const stores = storeId === undefined
    ? (await listStores(app.db)).filter((s) => (WEBHOOK_PLATFORMS as readonly string[]).includes(s.platform_name.toLowerCase()))
    : [await getStoreById(app.db, storeId)];
  const signal = ctx.shutdownSignal();
  const out: Array<{ id_store: number; store: string; platform: string; subscriptions: ListedSubscription[]; error: { code: string; message: string } | null }> = [];
  for (const store of stores) {
    try {
      out.push({ id_store: store.id_store, store: store.name, platform: store.platform_name, subscriptions: await listStoreSubscriptions(app, store, signal), error: null });
    } catch (error) {
      // One store: its error is the command's. Several: the others are still listed.
      if (storeId !== undefined || !isEcomSyncError(error)) throw error;
      out.push({ id_store: store.id_store, store: store.name, platform: store.platform_name, subscriptions: [], error: { code: error.code, message: error.message } });
    }
  }
  const rows = out.flatMap((s) => s.subscriptions.map((subscription) => ({ store: `${s.store} (#${s.id_store})`, subscription })));
  const lines: string[] = [];
  if (stores.length === 0) lines.push('No Shopify or WooCommerce stores (PrestaShop has no webhooks: its orders come with `ecom-sync orders pull`).');
  else if (rows.length === 0) lines.push('No webhook subscriptions. Register them with `ecom-sync webhooks setup --store N`.');
  else lines.push(renderTable(['store', 'topic', 'url', 'status', 'owner', 'id'], subscriptionRows(rows), { color: ctx.color }));
  for (const s of out) {
    if (s.error) lines.push(`Store #${s.id_store} ${s.store}: could not list its webhooks: ${s.error.message}`);
    else if (s.subscriptions.some((sub) => sub.ours && sub.status !== 'active')) lines.push(`Store #${s.id_store} ${s.store}: the platform stopped delivering to ecom-sync (disabled: after failed deliveries; paused: by an admin); run \`ecom-sync webhooks setup --store ${s.id_store}\` to re-activate. Meanwhile the periodic orders pull keeps the orders in step.`);
  }
  const failed = out.some((s) => s.error !== null);
  return { json: { stores: out }, text: lines.join('\n'), ...(failed ? { exitCode: ExitCode.partial } : {}) };
}

/** `webhooks remove --store N (--topic T | --all)`: ecom-sync's subscriptions only. */
export async function webhooksRemove(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseId(options.store, '--store');
  const topic = typeof options.topic === 'string' ? options.topic : null;
  if ((topic === null) === (options.all !== true)) {
    throw new UsageError('INVALID_ARGUMENT', topic === null ? 'say what to remove: --topic TOPIC or --all' : 'give either --topic or --all, not both', {
      hint: `See the subscriptions with \`ecom-sync webhooks list --store ${storeId}\`.`,
    });
  }
  const app = await ctx.openApp();
  const store = await getStoreById(app.db, storeId);
  const report = await removeStoreSubscriptions(app, store, { topic }, ctx.shutdownSignal());
  const head = report.removed.length === 0
    ? `Store #${store.id_store} ${store.name}: no ecom-sync subscription${topic === null ? '' : ` for ${topic}`} to remove.`
    : `Store #${store.id_store} ${store.name}: removed ${report.removed.length} ecom-sync subscription(s).`;
  const kept = report.kept > 0 ? `\n${report.kept} subscription(s) of other apps or systems left alone.` : '';
  const table = report.removed.length === 0 ? '' : `\n${renderTable(['topic', 'url', 'id'], report.removed.map((s) => [s.topic, s.url, s.id]), { color: ctx.color })}`;
  return { json: { id_store: store.id_store, removed: report.removed, kept: report.kept }, text: `${head}${kept}${table}` };
}
