import type { App } from '../app-types.js';
import { setOrderStatus } from '../orders/set-order-status.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../platforms/woocommerce-sandbox/index.js';
import { maskApiKey } from '../stores/store-credentials.js';
import { createTrigger } from '../triggers/trigger-service.js';
import { wooEmailNote } from '../triggers/woo-email-note.js';
import { firstImportedOrder, money, openDemoWorkspace, statusChangeLines } from './demo-kit.js';
import type { DemoOptions, DemoReportBase } from './demo-types.js';

export interface WooCommerceDemoReport extends DemoReportBase {
  platform: 'woocommerce';
  /** The changed order as the sandbox shop holds it afterwards, with the notes and e-mails WooCommerce made. */
  shop_order: { id: number; status: string; notes: string[]; emails: string[] } | null;
}

const LOCAL_SHIPPED = 4;
const TARGET_SLUG = 'completed';

/**
 * `ecom-sync demo --platform woocommerce`: the whole flow against the in-process WooCommerce
 * REST v3 sandbox. The store is on plain HTTP, so every request is OAuth 1.0a signed, as
 * WooCommerce requires there. A trigger maps the local "Spedito" to `completed`; changing an order
 * sends exactly one `PUT /wp-json/wc/v3/orders/{id}`.
 */
export async function runWooCommerceDemo(options: DemoOptions = {}): Promise<WooCommerceDemoReport> {
  const ws = await openDemoWorkspace(options);
  let sandbox: WooSandbox | null = null;
  const report: WooCommerceDemoReport = {
    ok: false, platform: 'woocommerce', directory: ws.directory, sandbox_url: '', steps: ws.steps, status_change: null, pushes: [], requests_during_change: 0, shop_order: null,
  };
  try {
    sandbox = await startWooSandbox({ orders: options.orders ?? 8, seed: 7 });
    const shop = sandbox;
    report.sandbox_url = shop.url;
    const app: App = await ws.openApp();
    ws.step('Created a fresh database and started a WooCommerce sandbox', [
      `database: ${ws.databaseFile}`,
      `sandbox:  ${shop.url}/wp-json/wc/v3/ (WooCommerce REST API v3, in this process)`,
    ]);

    const key = WOO_SANDBOX_KEYS.readWrite;
    // No settings: over plain HTTP the client signs with OAuth 1.0a (over HTTPS it would use Basic).
    await app.db.insertInto('stores').values({ id_platform: 3, name: 'bottega-wc-demo', base_url: shop.url, api_key: key.consumerKey, api_secret: key.consumerSecret }).execute();
    const store = await app.db.selectFrom('stores').select(['id_store', 'name']).where('name', '=', 'bottega-wc-demo').executeTakeFirstOrThrow();
    ws.step('Added a store', [
      `#${store.id_store} ${store.name}  woocommerce  ${shop.url}  key ${maskApiKey(key.consumerKey)}  auth oauth (plain HTTP: OAuth 1.0a signatures)`,
      `(ecom-sync stores add --name ${store.name} --platform woocommerce --url ${shop.url} --api-key-env CK --api-secret-env CS)`,
    ]);

    options.signal?.throwIfAborted();
    const { pullStates } = await import('../pull/states-pull.js');
    const requestsBeforeStates = shop.requests.length;
    const states = await pullStates(app, { storeId: store.id_store });
    const pulled = await app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'code', 'name'])
      .where('id_store', '=', store.id_store).orderBy('id_platform_state').execute();
    const custom = new Set(shop.shop.statuses.filter((s) => s.custom).map((s) => s.slug));
    ws.step('Pulled the order states (ecom-sync states pull)', [
      `${states.totals.created} statuses from GET /wp-json/wc/v3/reports/orders/totals (${shop.requests.length - requestsBeforeStates} request)`,
      ...pulled.map((s) => `  ${String(s.id_platform_state).padStart(2)}  ${(s.code ?? '').padEnd(17)} ${s.name}${custom.has(s.code ?? '') ? '  (a plugin\'s custom status)' : ''}`),
    ]);

    options.signal?.throwIfAborted();
    const { pullOrders } = await import('../pull/orders-pull.js');
    const requestsBeforeOrders = shop.requests.length;
    const imported = await pullOrders(app, { storeId: store.id_store });
    const { orders, chosen } = await firstImportedOrder(app, store.id_store, (idOrigin) => {
      const status = shop.shop.orders.get(idOrigin)?.status;
      return status === 'processing' || status === 'on-hold';
    });
    ws.step('Imported the orders (ecom-sync orders pull)', [
      `${imported.totals.created} orders imported in ${shop.requests.length - requestsBeforeOrders} request(s) (orderby=modified, modified_after with dates_are_gmt)`,
      ...orders.map((o) => `  #${o.id_order}  order ${o.reference ?? ''}  platform order ${o.id_origin}  ${(o.code ?? '?').padEnd(16)}  local state ${o.id_order_state}  ${money(o.total_price_with_tax)}`),
    ]);
    if (chosen === null || chosen.id_origin === null) throw new Error('the sandbox has no processing or on-hold order');

    const trigger = await createTrigger(app, { storeId: store.id_store, eventType: 'order_status_changed', localStateId: LOCAL_SHIPPED, platformStateId: TARGET_SLUG });
    const target = pulled.find((s) => s.id_ecommerce_order_state === trigger.id_state_platform);
    const note = await wooEmailNote(app.db, store.id_store, trigger.id_state_platform);
    ws.step('Added a trigger (ecom-sync triggers add)', [
      `#${trigger.id_trigger}: local state ${LOCAL_SHIPPED} "Spedito"  →  ${TARGET_SLUG} (${target?.id_platform_state ?? '?'}) "${target?.name ?? ''}": PUT /wp-json/wc/v3/orders/{id} {"status":"${TARGET_SLUG}"}`,
      `(ecom-sync triggers add --store ${store.id_store} --event order_status_changed --local-state ${LOCAL_SHIPPED} --platform-state ${TARGET_SLUG})`,
      ...(note === null ? [] : [`Note: ${note}`]),
    ]);

    ws.clearLog();
    options.signal?.throwIfAborted();
    const requestsBefore = shop.requests.length;
    const emailsBefore = shop.shop.emailsOf(chosen.id_origin).length;
    const result = await setOrderStatus(app, { orderId: chosen.id_order, state: LOCAL_SHIPPED });
    const during = shop.requests.slice(requestsBefore);
    const writes = during.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    report.status_change = result;
    report.requests_during_change = during.length;
    report.pushes = writes.map((r) => ({ request: `${r.method} ${r.path}`, detail: r.body ?? '' }));
    ws.step(`Changed order #${chosen.id_order} (WooCommerce order ${chosen.id_origin}) to state ${LOCAL_SHIPPED} (ecom-sync orders set-status ${chosen.id_order} ${LOCAL_SHIPPED})`,
      statusChangeLines(result, ws.logLines));

    const order = shop.shop.orders.get(chosen.id_origin);
    const notes = shop.shop.notesOf(chosen.id_origin).map((n) => n.note);
    const emails = shop.shop.emailsOf(chosen.id_origin).slice(emailsBefore).map((e) => `${e.template} to ${e.to}`);
    report.shop_order = order === undefined ? null : { id: order.id, status: order.status, notes, emails };
    ws.step(`What the WooCommerce sandbox received for its order ${chosen.id_origin}`, [
      ...during.map((r) => `  ${r.method.padEnd(4)} ${r.path}  ${r.status}${r.body ? `  ${r.body}` : ''}${writes.includes(r) ? '   ← the push' : ''}`),
      `status on the shop: ${order?.status ?? '?'}; order notes: ${notes.length === 0 ? 'none' : notes.map((n) => `"${n}"`).join(', ')}`,
      `customer e-mails WooCommerce sent by itself: ${emails.length === 0 ? 'none' : emails.join(', ')}`,
      `exactly ${writes.length} PUT${writes.length === 1 ? '' : 's'}, ${during.length} request${during.length === 1 ? '' : 's'} in all`,
    ]);
    report.ok = result.sync?.status === 'done' && writes.length === 1 && writes[0]?.method === 'PUT' && writes[0].route === `/wc/v3/orders/${chosen.id_origin}`
      && order?.status === TARGET_SLUG;
    return report;
  } finally {
    await ws.close();
    await sandbox?.close().catch(() => undefined);
  }
}
