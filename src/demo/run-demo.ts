import { timeText } from '../dates/time-text.js';
import { isoFromWallTime } from '../dates/iso-date.js';
import type { App } from '../app-types.js';
import { setOrderStatus } from '../orders/set-order-status.js';
import { startSandbox, type Sandbox } from '../platforms/sandbox/index.js';
import { maskApiKey } from '../stores/store-credentials.js';
import { money, openDemoWorkspace, statusChangeLines } from './demo-kit.js';
import { demoRefusedTransition, type RefusedTransition } from './demo-transitions.js';
import type { DemoOptions, DemoReportBase } from './demo-types.js';

export type { DemoOptions, DemoStep } from './demo-types.js';

export interface DemoReport extends DemoReportBase {
  platform: 'prestashop';
  /** The shop's own order_history rows for the changed order, oldest first. */
  platform_history: Array<{ id: number; id_order_state: number; state_name: string; date_add: string }>;
  /** The step transition rules refused at the end (enforce mode). */
  refused_transition: RefusedTransition | null;
}

const LOCAL_SHIPPED = 4;
const PLATFORM_SHIPPED_NAME = '05 - Spedito';

/**
 * The whole flow in a temporary directory against an in-process PrestaShop sandbox: add a store,
 * pull its states, import orders, add a trigger, change an order's state, and read back what the
 * shop received. Everything is removed at the end.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const ws = await openDemoWorkspace(options);
  let sandbox: Sandbox | null = null;
  const report: DemoReport = {
    ok: false, platform: 'prestashop', directory: ws.directory, sandbox_url: '', steps: ws.steps, status_change: null, pushes: [], requests_during_change: 0,
    platform_history: [], refused_transition: null,
  };

  try {
    sandbox = await startSandbox({ orders: options.orders ?? 8, seed: 7 });
    report.sandbox_url = sandbox.url;
    const app: App = await ws.openApp();
    ws.step('Created a fresh database and started a PrestaShop sandbox', [`database: ${ws.databaseFile}`, `sandbox:  ${sandbox.url}/api/ (PrestaShop webservice, in this process)`]);

    await app.db.insertInto('stores').values({ id_platform: 1, name: 'negozio-demo', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
    const store = await app.db.selectFrom('stores').select(['id_store', 'name']).where('name', '=', 'negozio-demo').executeTakeFirstOrThrow();
    ws.step('Added a store', [`#${store.id_store} ${store.name}  prestashop  ${sandbox.url}  key ${maskApiKey(sandbox.apiKey)}`, `(ecom-sync stores add --name ${store.name} --platform prestashop --url ${sandbox.url} --api-key-env KEY)`]);

    options.signal?.throwIfAborted();
    const { pullStates } = await import('../pull/states-pull.js');
    const states = await pullStates(app, { storeId: store.id_store });
    const pulled = await app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'name', 'is_deleted'])
      .where('id_store', '=', store.id_store).orderBy('id_platform_state').execute();
    ws.step('Pulled the order states (ecom-sync states pull)', [
      `${states.totals.created} states, one request`,
      ...pulled.map((s) => `  ${String(s.id_platform_state).padStart(2)}  ${s.name}${s.is_deleted ? '  (deleted on the shop)' : ''}`),
    ]);

    options.signal?.throwIfAborted();
    const { pullOrders } = await import('../pull/orders-pull.js');
    const imported = await pullOrders(app, { storeId: store.id_store });
    const orders = await app.db.selectFrom('orders').select(['id_order', 'id_origin', 'reference', 'id_order_state', 'total_price_with_tax']).orderBy('id_order').execute();
    ws.step('Imported the orders (ecom-sync orders pull)', [
      `${imported.totals.created} orders imported`,
      ...orders.map((o) => `  #${o.id_order}  ${o.reference ?? ''}  platform order ${o.id_origin}  local state ${o.id_order_state}  ${money(o.total_price_with_tax)}`),
    ]);

    const target = pulled.find((s) => s.name === PLATFORM_SHIPPED_NAME);
    if (!target) throw new Error(`the sandbox has no state named ${PLATFORM_SHIPPED_NAME}`);
    await app.db.insertInto('platform_state_triggers').values({
      event_type: 'order_status_changed', id_store: store.id_store, state_type: 'order_state', id_state_local: LOCAL_SHIPPED, id_state_platform: target.id_ecommerce_order_state, is_active: 1,
    }).execute();
    ws.step('Added a trigger (ecom-sync triggers add)', [`local state ${LOCAL_SHIPPED} "Spedito"  →  platform state ${target.id_platform_state} "${target.name}"`]);

    const order = orders.find((o) => o.id_order_state !== LOCAL_SHIPPED && sandbox!.shop.orders.get(o.id_origin ?? 0)?.current_state !== target.id_platform_state);
    if (!order || order.id_origin === null) throw new Error('the sandbox has no order to ship');
    const historyBefore = new Set(sandbox.shop.historiesOf(order.id_origin).map((h) => h.id));
    ws.clearLog();
    options.signal?.throwIfAborted();
    const requestsBefore = sandbox.requests.length;
    const result = await setOrderStatus(app, { orderId: order.id_order, state: LOCAL_SHIPPED });
    const during = sandbox.requests.slice(requestsBefore);
    report.status_change = result;
    report.requests_during_change = during.length;
    report.pushes = during.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => ({ request: `${r.method} ${r.path}`, detail: r.body ?? '' }));
    ws.step(`Changed order #${order.id_order} to state ${LOCAL_SHIPPED} (ecom-sync orders set-status ${order.id_order} ${LOCAL_SHIPPED})`, statusChangeLines(result, ws.logLines));

    // The shop writes its wall clock; JSON dates carry the offset of its PS_TIMEZONE.
    const shopZone = [...sandbox.shop.configurations.values()].find((c) => c.name === 'PS_TIMEZONE')?.value ?? 'UTC';
    const history = sandbox.shop.historiesOf(order.id_origin).map((h) => ({
      id: h.id, id_order_state: h.id_order_state, state_name: sandbox!.shop.orderStates.get(h.id_order_state)?.name[1] ?? '',
      date_add: isoFromWallTime(h.date_add, shopZone) ?? h.date_add,
    }));
    report.platform_history = history;
    const current = sandbox.shop.orders.get(order.id_origin)?.current_state;
    ws.step(`The shop's own history of its order ${order.id_origin}`, [
      ...history.map((h) => `  ${timeText(h.date_add)}  ${String(h.id_order_state).padStart(2)}  ${h.state_name}${historyBefore.has(h.id) ? '' : '   ← pushed by ecom-sync'}`),
      `current_state on the shop: ${current}; exactly ${history.filter((h) => !historyBefore.has(h.id)).length} new history row`,
    ]);

    options.signal?.throwIfAborted();
    const requestsBeforeRefusal = sandbox.requests.length;
    const refused = await demoRefusedTransition(app, order.id_order);
    report.refused_transition = refused.refused;
    ws.step('Turned on transition rules and tried a step they do not allow', refused.lines);
    report.ok = result.sync?.status === 'done' && current === target.id_platform_state && report.pushes.length === 1
      && refused.refused !== null && sandbox.requests.length === requestsBeforeRefusal;
    return report;
  } finally {
    await ws.close();
    await sandbox?.close().catch(() => undefined);
  }
}
