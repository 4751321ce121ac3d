import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../app.js';
import { timeText } from '../dates/time-text.js';
import { isoFromWallTime } from '../dates/iso-date.js';
import type { App } from '../app-types.js';
import { defaultConfig } from '../config/defaults.js';
import { createLogger } from '../logging/create-logger.js';
import { setOrderStatus } from '../orders/set-order-status.js';
import type { SetOrderStatusResult } from '../orders/status-change-types.js';
import { startSandbox, type Sandbox } from '../platforms/sandbox/index.js';
import { maskApiKey } from '../stores/store-credentials.js';
import { demoRefusedTransition, type RefusedTransition } from './demo-transitions.js';

export interface DemoStep {
  step: number;
  title: string;
  lines: string[];
}

export interface DemoReport {
  ok: boolean;
  directory: string;
  sandbox_url: string;
  steps: DemoStep[];
  status_change: SetOrderStatusResult | null;
  /** The shop's own order_history rows for the changed order, oldest first. */
  platform_history: Array<{ id: number; id_order_state: number; state_name: string; date_add: string }>;
  /** The step transition rules refused at the end (enforce mode). */
  refused_transition: RefusedTransition | null;
}

export interface DemoOptions {
  onStep?(step: DemoStep): void;
  signal?: AbortSignal;
  /** Orders seeded in the sandbox and imported (default 8). */
  orders?: number;
}

const LOCAL_SHIPPED = 4;
const PLATFORM_SHIPPED_NAME = '05 - Spedito';

/**
 * The whole flow in a temporary directory against an in-process PrestaShop sandbox: add a store,
 * pull its states, import orders, add a trigger, change an order's state, and read back what the
 * shop received. Everything is removed at the end.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ecom-sync-demo-'));
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'info', format: 'plain',
    destination: new Writable({ write(chunk: Buffer, _e, done) { logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)); done(); } }),
  });
  let sandbox: Sandbox | null = null;
  let app: App | null = null;
  const steps: DemoStep[] = [];
  const report: DemoReport = { ok: false, directory, sandbox_url: '', steps, status_change: null, platform_history: [], refused_transition: null };
  const step = (title: string, lines: string[]) => {
    const entry = { step: steps.length + 1, title, lines };
    steps.push(entry);
    options.onStep?.(entry);
  };

  try {
    sandbox = await startSandbox({ orders: options.orders ?? 8, seed: 7 });
    report.sandbox_url = sandbox.url;
    const config = defaultConfig();
    config.database.url = `sqlite:${path.join(directory, 'demo.db')}`;
    config.plugins.stock_auto_update.enabled = false;
    app = await createApp(config, logger, { env: {} });
    step('Created a fresh database and started a PrestaShop sandbox', [`database: ${path.join(directory, 'demo.db')}`, `sandbox:  ${sandbox.url}/api/ (PrestaShop webservice, in this process)`]);

    await app.db.insertInto('stores').values({ id_platform: 1, name: 'negozio-demo', base_url: sandbox.url, api_key: sandbox.apiKey }).execute();
    const store = await app.db.selectFrom('stores').select(['id_store', 'name']).where('name', '=', 'negozio-demo').executeTakeFirstOrThrow();
    step('Added a store', [`#${store.id_store} ${store.name}  prestashop  ${sandbox.url}  key ${maskApiKey(sandbox.apiKey)}`, `(ecom-sync stores add --name ${store.name} --platform prestashop --url ${sandbox.url} --api-key-env KEY)`]);

    options.signal?.throwIfAborted();
    const { pullStates } = await import('../pull/states-pull.js');
    const states = await pullStates(app, { storeId: store.id_store });
    const pulled = await app.db.selectFrom('ecommerce_order_states').select(['id_ecommerce_order_state', 'id_platform_state', 'name', 'is_deleted'])
      .where('id_store', '=', store.id_store).orderBy('id_platform_state').execute();
    step('Pulled the order states (ecom-sync states pull)', [
      `${states.totals.created} states, one request`,
      ...pulled.map((s) => `  ${String(s.id_platform_state).padStart(2)}  ${s.name}${s.is_deleted ? '  (deleted on the shop)' : ''}`),
    ]);

    options.signal?.throwIfAborted();
    const { pullOrders } = await import('../pull/orders-pull.js');
    const imported = await pullOrders(app, { storeId: store.id_store });
    const orders = await app.db.selectFrom('orders').select(['id_order', 'id_origin', 'reference', 'id_order_state', 'total_price_with_tax']).orderBy('id_order').execute();
    step('Imported the orders (ecom-sync orders pull)', [
      `${imported.totals.created} orders imported`,
      ...orders.map((o) => `  #${o.id_order}  ${o.reference ?? ''}  platform order ${o.id_origin}  local state ${o.id_order_state}  € ${Number(o.total_price_with_tax).toFixed(2)}`),
    ]);

    const target = pulled.find((s) => s.name === PLATFORM_SHIPPED_NAME);
    if (!target) throw new Error(`the sandbox has no state named ${PLATFORM_SHIPPED_NAME}`);
    await app.db.insertInto('platform_state_triggers').values({
      event_type: 'order_status_changed', id_store: store.id_store, state_type: 'order_state', id_state_local: LOCAL_SHIPPED, id_state_platform: target.id_ecommerce_order_state, is_active: 1,
    }).execute();
    step('Added a trigger (ecom-sync triggers add)', [`local state ${LOCAL_SHIPPED} "Spedito"  →  platform state ${target.id_platform_state} "${target.name}"`]);

    const order = orders.find((o) => o.id_order_state !== LOCAL_SHIPPED && sandbox!.shop.orders.get(o.id_origin ?? 0)?.current_state !== target.id_platform_state);
    if (!order || order.id_origin === null) throw new Error('the sandbox has no order to ship');
    const historyBefore = new Set(sandbox.shop.historiesOf(order.id_origin).map((h) => h.id));
    logLines.length = 0;
    options.signal?.throwIfAborted();
    const result = await setOrderStatus(app, { orderId: order.id_order, state: LOCAL_SHIPPED });
    report.status_change = result;
    const sync = result.sync;
    step(`Changed order #${order.id_order} to state ${LOCAL_SHIPPED} (ecom-sync orders set-status ${order.id_order} ${LOCAL_SHIPPED})`, [
      `${result.message}: ${result.old_state} → ${result.new_state}`,
      sync === null ? `not pushed: ${result.sync_note ?? ''}` : `sync job ${sync.id_sync_job}: ${sync.status}${sync.error ? ` — ${sync.error}` : ''}`,
      ...logLines.filter((line) => line.startsWith('INFO - ') || line.startsWith('ERROR - ')),
    ]);

    // The shop writes its wall clock; JSON dates carry the offset of its PS_TIMEZONE.
    const shopZone = [...sandbox.shop.configurations.values()].find((c) => c.name === 'PS_TIMEZONE')?.value ?? 'UTC';
    const history = sandbox.shop.historiesOf(order.id_origin).map((h) => ({
      id: h.id, id_order_state: h.id_order_state, state_name: sandbox!.shop.orderStates.get(h.id_order_state)?.name[1] ?? '',
      date_add: isoFromWallTime(h.date_add, shopZone) ?? h.date_add,
    }));
    report.platform_history = history;
    const current = sandbox.shop.orders.get(order.id_origin)?.current_state;
    step(`The shop's own history of its order ${order.id_origin}`, [
      ...history.map((h) => `  ${timeText(h.date_add)}  ${String(h.id_order_state).padStart(2)}  ${h.state_name}${historyBefore.has(h.id) ? '' : '   ← pushed by ecom-sync'}`),
      `current_state on the shop: ${current}; exactly ${history.filter((h) => !historyBefore.has(h.id)).length} new history row`,
    ]);

    options.signal?.throwIfAborted();
    const requestsBefore = sandbox.requests.length;
    const refused = await demoRefusedTransition(app, order.id_order);
    report.refused_transition = refused.refused;
    step('Turned on transition rules and tried a step they do not allow', refused.lines);
    report.ok = sync?.status === 'done' && current === target.id_platform_state && refused.refused !== null && sandbox.requests.length === requestsBefore;
    return report;
  } finally {
    await app?.close().catch(() => undefined);
    await sandbox?.close().catch(() => undefined);
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  }
}
