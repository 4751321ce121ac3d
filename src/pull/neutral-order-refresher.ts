import type { PullDeps } from './pull-deps.js';
import { toDbTimestamp } from '../db/dialect.js';
import type { StoreRow } from '../stores/store-repository.js';
import type { OrderRefresher, OrderRefreshResult } from '../webhooks/process-inbound-events.js';
import { importNeutralOrders, loadNeutralStateIds, neutralCountryIds, unknownStateCodes } from './neutral-orders-import.js';
import { storePlatformPort } from './store-platform-port.js';

/**
 * The webhook inbox's refresher: reads the order through the store's port (one request, the
 * event being only a hint) and applies it as `orders pull` does for one order. The store's
 * watermark is left alone: the periodic pull still walks every change, the webhook only comes first.
 */
export function neutralOrderRefresher(app: PullDeps): OrderRefresher {
  return {
    async refresh(store: StoreRow, idOrigin: number, signal?: AbortSignal): Promise<OrderRefreshResult> {
      const port = await storePlatformPort(app, store);
      const order = await port.readOrder(idOrigin, signal === undefined ? {} : { signal });
      if (order === null) return { outcome: 'ignored', detail: `store ${store.name} has no order ${idOrigin} (deleted or never there)` };
      const states = await loadNeutralStateIds(app.db, store.id_store);
      const countries = await neutralCountryIds(app.db, [order]);
      const now = toDbTimestamp(new Date(app.clock.now()));
      const orderDates = port.capabilities.orderDates ?? 'utc';
      const result = await app.db.transaction().execute((trx) => importNeutralOrders(trx, { store, orders: [order], states, countries, initialState: app.config.orders.initial_state, now, orderDates }));
      const unknown = unknownStateCodes([order], states);
      const note = unknown.length > 0 ? ` (state ${order.stateCode} is not in the catalogue: run \`ecom-sync states pull --store ${store.id_store}\`)` : '';
      if (result.created > 0) return { outcome: 'imported', detail: `order ${idOrigin} imported in state ${order.stateCode}${note}` };
      const drift = result.drift[0];
      if (drift) {
        app.logger.warn(`order ${drift.id_order} (platform ${drift.id_origin}) of store ${store.id_store} moved on the platform from state ${drift.platform_state_before ?? '-'} to ${drift.platform_state_now}; local state ${drift.local_state} left unchanged`);
        return { outcome: 'drift', detail: `order ${idOrigin} moved on the platform to ${order.stateCode}; local state ${drift.local_state} left unchanged` };
      }
      if (result.ownPushes.length > 0) return { outcome: 'own_push', detail: `order ${idOrigin} is in ${order.stateCode}, the state ecom-sync pushed last` };
      if (result.updated > 0) return { outcome: 'updated', detail: `order ${idOrigin} updated (state ${order.stateCode})${note}` };
      return { outcome: 'unchanged', detail: `order ${idOrigin} as ecom-sync knew it (state ${order.stateCode})` };
    },
  };
}
