import type { App } from '../app-types.js';
import { insertReturningId } from '../db/insert-returning-id.js';
import { toDbTimestamp } from '../db/dialect.js';
import { setOrderStatus } from '../orders/set-order-status.js';
import { startShopifySandbox, type ShopifySandbox } from '../platforms/shopify-sandbox/index.js';
import { maskApiKey } from '../stores/store-credentials.js';
import { shopifyStoreValues } from '../stores/shopify-store-options.js';
import { createTrigger } from '../triggers/trigger-service.js';
import { firstImportedOrder, money, openDemoWorkspace, statusChangeLines } from './demo-kit.js';
import type { DemoOptions, DemoReportBase } from './demo-types.js';

export interface ShopifyDemoReport extends DemoReportBase {
  platform: 'shopify';
  /** The changed order as the sandbox shop holds it afterwards. */
  shop_order: {
    id: number;
    name: string;
    display_fulfillment_status: string;
    tracking_numbers: string[];
    /** Shopify e-mailed the customer (the trigger's e-mail flag became notifyCustomer). */
    customer_notified: boolean;
  } | null;
}

const LOCAL_SHIPPED = 4;
const TARGET_CODE = 'fulfilled';
const TRACKING = 'DEMO1Z999AA10123456784';

/**
 * `ecom-sync demo --platform shopify`: the whole flow against the in-process Shopify Admin
 * GraphQL sandbox (every query validated against Shopify's schema). A trigger maps the local
 * "Spedito" to `fulfilled`; changing an order sends exactly one `fulfillmentCreate`, carrying the
 * local shipment's tracking number.
 */
export async function runShopifyDemo(options: DemoOptions = {}): Promise<ShopifyDemoReport> {
  const ws = await openDemoWorkspace(options);
  let sandbox: ShopifySandbox | null = null;
  const report: ShopifyDemoReport = {
    ok: false, platform: 'shopify', directory: ws.directory, sandbox_url: '', steps: ws.steps, status_change: null, pushes: [], requests_during_change: 0, shop_order: null,
  };
  try {
    sandbox = await startShopifySandbox({ orders: options.orders ?? 8 });
    const shop = sandbox;
    report.sandbox_url = shop.url;
    const app: App = await ws.openApp();
    ws.step('Created a fresh database and started a Shopify sandbox', [
      `database: ${ws.databaseFile}`,
      `sandbox:  ${shop.url}/admin/api/2026-10/graphql.json (Admin GraphQL, validated against Shopify's 2025-01 schema, in this process)`,
    ]);

    const token = shop.accessToken ?? '';
    const values = shopifyStoreValues({ apiKey: token });
    await app.db.insertInto('stores').values({ id_platform: 2, name: 'bottega-demo', base_url: shop.url, ...values }).execute();
    const store = await app.db.selectFrom('stores').select(['id_store', 'name']).where('name', '=', 'bottega-demo').executeTakeFirstOrThrow();
    ws.step('Added a store', [
      `#${store.id_store} ${store.name}  shopify  ${shop.url}  access token ${maskApiKey(token)}  API 2026-10`,
      `(ecom-sync stores add --name ${store.name} --platform shopify --url ${shop.url} --api-key-env SHOPIFY_TOKEN)`,
    ]);

    options.signal?.throwIfAborted();
    const { pullStates } = await import('../pull/states-pull.js');
    const requestsBeforeStates = shop.requests.length;
    const states = await pullStates(app, { storeId: store.id_store });
    const pulled = await app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'code', 'name'])
      .where('id_store', '=', store.id_store).orderBy('id_platform_state').execute();
    ws.step('Pulled the order states (ecom-sync states pull)', [
      `${states.totals.created} states: Shopify has no state catalogue, ecom-sync offers one code per action it can push (${shop.requests.length - requestsBeforeStates} requests)`,
      ...pulled.map((s) => `  ${String(s.id_platform_state).padStart(2)}  ${(s.code ?? '').padEnd(10)} ${s.name}`),
    ]);

    options.signal?.throwIfAborted();
    const { pullOrders } = await import('../pull/orders-pull.js');
    const imported = await pullOrders(app, { storeId: store.id_store });
    // The order to ship: paid, not closed nor cancelled, with an open fulfillment order.
    const { orders, chosen } = await firstImportedOrder(app, store.id_store, (idOrigin, code) => {
      const o = shop.store.orders.get(idOrigin);
      return code === 'paid' && o !== undefined && o.fulfillmentOrders.some((fo) => fo.status === 'OPEN');
    });
    const pullResult = imported.stores[0];
    ws.step('Imported the orders (ecom-sync orders pull)', [
      `${imported.totals.created} orders imported in ${pullResult?.pages ?? 0} cursor page(s); the state of each is derived: cancelled, else closed, else fulfilled, else paid, else open`,
      ...orders.map((o) => `  #${o.id_order}  ${o.reference ?? ''}  platform order ${o.id_origin}  ${(o.code ?? '?').padEnd(9)}  local state ${o.id_order_state}  ${money(o.total_price_with_tax)}`),
    ]);
    if (chosen === null || chosen.id_origin === null) throw new Error('the sandbox has no paid order with an open fulfillment order');

    const trigger = await createTrigger(app, { storeId: store.id_store, eventType: 'order_status_changed', localStateId: LOCAL_SHIPPED, platformStateId: TARGET_CODE, sendEmail: true });
    const target = pulled.find((s) => s.id_ecommerce_order_state === trigger.id_state_platform);
    ws.step('Added a trigger (ecom-sync triggers add)', [
      `#${trigger.id_trigger}: local state ${LOCAL_SHIPPED} "Spedito"  →  ${TARGET_CODE} (${target?.id_platform_state ?? '?'}): fulfillmentCreate on the order's open fulfillment orders, notifyCustomer: true (the trigger's e-mail flag)`,
      `(ecom-sync triggers add --store ${store.id_store} --event order_status_changed --local-state ${LOCAL_SHIPPED} --platform-state ${TARGET_CODE} --send-email)`,
    ]);

    // A local shipment with a tracking number: fulfillmentCreate carries it to Shopify.
    const now = toDbTimestamp(new Date(app.clock.now()));
    const shipment = await insertReturningId(app.db, 'shipments', 'id_shipping', { id_shipping_state: 1, tracking: TRACKING, carrier_name: 'UPS', date_add: now, date_upd: now });
    await app.db.updateTable('orders').set({ id_shipping: shipment }).where('id_order', '=', chosen.id_order).execute();

    ws.clearLog();
    options.signal?.throwIfAborted();
    const requestsBefore = shop.requests.length;
    const mutationsBefore = shop.mutations.length;
    const result = await setOrderStatus(app, { orderId: chosen.id_order, state: LOCAL_SHIPPED });
    const during = shop.requests.slice(requestsBefore);
    const mutations = shop.mutations.slice(mutationsBefore);
    report.status_change = result;
    report.requests_during_change = during.length;
    report.pushes = mutations.map((m) => ({ request: `POST /admin/api/2026-10/graphql.json`, detail: `mutation ${m.field} ${JSON.stringify(m.variables)}${m.applied ? '' : ` → userErrors: ${m.userErrors.join('; ')}`}` }));
    ws.step(`Changed order #${chosen.id_order} (Shopify ${chosen.reference ?? ''}, shipment tracking ${TRACKING}) to state ${LOCAL_SHIPPED} (ecom-sync orders set-status ${chosen.id_order} ${LOCAL_SHIPPED})`,
      statusChangeLines(result, ws.logLines));

    const order = shop.store.orders.get(chosen.id_origin);
    const fulfillments = shop.store.fulfillments.filter((f) => f.orderId === chosen.id_origin);
    const notified = shop.store.notifications.some((n) => n.orderId === chosen.id_origin && n.kind === 'shipping-confirmation');
    report.shop_order = order === undefined ? null : {
      id: order.id, name: order.name, display_fulfillment_status: shop.store.displayFulfillmentStatus(order),
      tracking_numbers: fulfillments.map((f) => f.tracking?.number ?? '').filter((n) => n !== ''), customer_notified: notified,
    };
    ws.step(`What the Shopify sandbox received for its order ${order?.name ?? chosen.id_origin}`, [
      ...during.map((r) => `  POST graphql.json  ${r.operation ?? 'query'} (${r.field ?? '?'})  ${r.status}${mutations.some((m) => m.field === r.field) ? '   ← the push' : '   (read first: none of these mutations is idempotent)'}`),
      `displayFulfillmentStatus on the shop: ${report.shop_order?.display_fulfillment_status ?? '?'}; tracking ${report.shop_order?.tracking_numbers.join(', ') || 'none'}; shipping confirmation e-mailed: ${notified ? 'yes' : 'no'}`,
      `exactly ${mutations.length} mutation${mutations.length === 1 ? '' : 's'} (${mutations.map((m) => m.field).join(', ') || 'none'})`,
    ]);
    report.ok = result.sync?.status === 'done' && mutations.length === 1 && mutations[0]?.field === 'fulfillmentCreate' && mutations[0].applied
      && report.shop_order?.display_fulfillment_status === 'FULFILLED' && report.shop_order.tracking_numbers.includes(TRACKING);
    return report;
  } finally {
    await ws.close();
    await sandbox?.close().catch(() => undefined);
  }
}
