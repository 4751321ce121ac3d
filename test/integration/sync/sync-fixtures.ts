import type { App } from '../../../src/app-types.js';
import type { Sandbox } from '../../../src/platforms/sandbox/index.js';

/**
 * Local data mirroring the sandbox shop: its states in ecommerce_order_states, `count` local
 * orders linked to its orders 1..count (local id = 1000 + platform id, so the two never get
 * mixed up in assertions), and triggers local state -> platform state.
 */
export async function seedSyncData(app: App, sandbox: Sandbox, storeId: number, options: { orders?: number; firstLocalId?: number; localState?: number } = {}): Promise<{ orderIds: number[]; originOf: (orderId: number) => number; ecommerceStateOf: (platformStateId: number) => Promise<number> }> {
  const count = options.orders ?? 3;
  const first = options.firstLocalId ?? 1001;
  for (const state of sandbox.shop.orderStates.values()) {
    await app.db.insertInto('ecommerce_order_states').values({
      id_store: storeId, id_platform_state: state.id, name: state.name[1] ?? '', platform_name: 'PrestaShop',
      is_deleted: state.deleted ? 1 : 0, send_email: state.send_email ? 1 : 0,
    }).execute();
  }
  const orderIds: number[] = [];
  const rows = [];
  for (let i = 0; i < count; i += 1) {
    const id = first + i;
    orderIds.push(id);
    // A known starting point on the shop: every linked order in "Pagamento accettato" (2).
    if (sandbox.shop.orders.get(i + 1)?.current_state !== 2) sandbox.shop.setOrderState(i + 1, 2);
    rows.push({ id_order: id, id_origin: i + 1, id_platform: 1, id_store: storeId, id_order_state: options.localState ?? 1, reference: `REF${id}` });
  }
  for (let i = 0; i < rows.length; i += 500) await app.db.insertInto('orders').values(rows.slice(i, i + 500)).execute();
  const ecommerceStateOf = async (platformStateId: number) => (await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state')
    .where('id_store', '=', storeId).where('id_platform_state', '=', platformStateId).executeTakeFirstOrThrow()).id_ecommerce_order_state;
  return { orderIds, originOf: (orderId) => orderId - first + 1, ecommerceStateOf };
}

/** The spec's SQL, with the platform state given by its platform id. */
export async function addTrigger(app: App, storeId: number, localState: number, platformStateId: number, options: { kind?: 'order' | 'shipping'; sendEmail?: number | null; active?: number } = {}): Promise<number> {
  const target = await app.db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state')
    .where('id_store', '=', storeId).where('id_platform_state', '=', platformStateId).executeTakeFirstOrThrow();
  const shipping = options.kind === 'shipping';
  await app.db.insertInto('platform_state_triggers').values({
    event_type: shipping ? 'shipping_status_changed' : 'order_status_changed', id_store: storeId, state_type: shipping ? 'shipping_state' : 'order_state',
    id_state_local: localState, id_state_platform: target.id_ecommerce_order_state, is_active: options.active ?? 1, send_email: options.sendEmail ?? null,
  }).execute();
  return target.id_ecommerce_order_state;
}

/** order_histories the platform received for one of its orders through the webservice (not the seeded history). */
export function postedHistories(sandbox: Sandbox, platformOrderId: number): number[] {
  return sandbox.requests
    .filter((r) => r.method === 'POST' && r.path === '/api/order_histories' && r.body !== undefined && new RegExp(`<id_order>${platformOrderId}</id_order>`).test(r.body))
    .map((r) => Number(/<id_order_state>(\d+)<\/id_order_state>/.exec(r.body ?? '')?.[1]));
}

/** History rows the shop actually stored for an order (also those committed before a 500 or a drop), created after `since`. */
export function storedHistories(sandbox: Sandbox, platformOrderId: number, afterId: number): number[] {
  return sandbox.shop.historiesOf(platformOrderId).filter((h) => h.id > afterId).map((h) => h.id_order_state);
}

export function lastHistoryId(sandbox: Sandbox): number {
  return Math.max(0, ...sandbox.shop.orderHistories.keys());
}
