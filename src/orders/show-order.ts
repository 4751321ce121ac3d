import type { OrdersDeps } from './orders-deps.js';
import { fail } from '../errors.js';
import { isoFromEpochMs, isoFromPlatformDate, isoFromStored } from '../dates/iso-date.js';

export interface OrderDetails {
  order: {
    id_order: number;
    reference: string | null;
    id_store: number | null;
    store_name: string | null;
    id_origin: number | null;
    id_order_state: number;
    order_state: string | null;
    ecommerce_order_state: { id: number; id_platform_state: number; state_name: string } | null;
    id_shipping: number | null;
    shipping_state: string | null;
    total_price_with_tax: number;
    /** Dates: ISO 8601 with an offset (src/dates/iso-date.ts). */
    date_add: string;
    date_upd: string;
    platform_date_upd: string | null;
  };
  /** reason: why an admin overrode the transition rules with that change, else null. */
  history: Array<{ id_order_state: number; name: string | null; date_add: string; reason: string | null }>;
  sync_jobs: Array<{ id_sync_job: number; status: string; id_state_local: number; id_platform_state: number; platform_state_name: string | null; attempts: number; runs: number; last_error: string | null; created_at: string; done_at: string | null }>;
  sync_log: Array<{ id_sync_job: number | null; level: string; message: string; created_at: string }>;
}

/** An order with its local history and its pushes to the platform: a fixed handful of queries. */
export async function showOrder(app: OrdersDeps, orderId: number): Promise<OrderDetails> {
  const { db } = app;
  const row = await db.selectFrom('orders')
    .leftJoin('stores', 'stores.id_store', 'orders.id_store')
    .leftJoin('order_states', 'order_states.id_order_state', 'orders.id_order_state')
    .leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'orders.id_ecommerce_state')
    .leftJoin('shipments', 'shipments.id_shipping', 'orders.id_shipping')
    .leftJoin('shipping_state', 'shipping_state.id_shipping_state', 'shipments.id_shipping_state')
    .select([
      'orders.id_order', 'orders.reference', 'orders.id_store', 'stores.name as store_name', 'orders.id_origin', 'orders.id_order_state', 'order_states.name as order_state',
      'orders.id_ecommerce_state', 'e.id_platform_state', 'e.name as ecommerce_name', 'orders.id_shipping', 'shipping_state.name as shipping_state',
      'orders.total_price_with_tax', 'orders.date_add', 'orders.date_upd', 'orders.platform_date_upd',
    ])
    .where('orders.id_order', '=', orderId)
    .executeTakeFirst();
  if (!row) throw fail('ORDER_NOT_FOUND', { id: orderId });
  const history = await db.selectFrom('orders_history').leftJoin('order_states', 'order_states.id_order_state', 'orders_history.id_order_state')
    .select(['orders_history.id_order_state', 'order_states.name', 'orders_history.date_add', 'orders_history.reason'])
    .where('orders_history.id_order', '=', orderId).orderBy('orders_history.id_order_history').execute();
  const jobs = await db.selectFrom('sync_jobs').leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'sync_jobs.id_ecommerce_order_state')
    .select(['sync_jobs.id_sync_job', 'sync_jobs.status', 'sync_jobs.id_state_local', 'sync_jobs.id_platform_state', 'e.name as platform_state_name', 'sync_jobs.attempts', 'sync_jobs.runs', 'sync_jobs.last_error', 'sync_jobs.created_at', 'sync_jobs.done_at'])
    .where('sync_jobs.id_order', '=', orderId).orderBy('sync_jobs.id_sync_job').execute();
  const log = await db.selectFrom('sync_log').select(['id_sync_job', 'level', 'message', 'created_at']).where('id_order', '=', orderId).orderBy('id_sync_log').execute();
  return {
    order: {
      id_order: row.id_order, reference: row.reference, id_store: row.id_store, store_name: row.store_name ?? null, id_origin: row.id_origin,
      id_order_state: row.id_order_state, order_state: row.order_state ?? null,
      ecommerce_order_state: row.id_ecommerce_state === null ? null : { id: row.id_ecommerce_state, id_platform_state: row.id_platform_state ?? 0, state_name: row.ecommerce_name ?? '' },
      id_shipping: row.id_shipping, shipping_state: row.shipping_state ?? null,
      total_price_with_tax: Number(row.total_price_with_tax), date_add: isoFromStored(row.date_add), date_upd: isoFromStored(row.date_upd), platform_date_upd: isoFromPlatformDate(row.platform_date_upd),
    },
    history: history.map((h) => ({ id_order_state: h.id_order_state, name: h.name ?? null, date_add: isoFromStored(h.date_add), reason: h.reason ?? null })),
    sync_jobs: jobs.map((j) => ({ ...j, platform_state_name: j.platform_state_name ?? null, created_at: isoFromEpochMs(Number(j.created_at)), done_at: j.done_at === null ? null : isoFromEpochMs(Number(j.done_at)) })),
    sync_log: log.map((entry) => ({ ...entry, created_at: isoFromEpochMs(Number(entry.created_at)) })),
  };
}
