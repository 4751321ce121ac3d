import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import type { Logger } from '../logging/create-logger.js';
import { listStores, type StoreRow } from '../stores/store-repository.js';
import { claimInboundEvents, finishInboundEvent, type InboundEventRow, type InboundOutcome } from './inbound-event-repository.js';

/** What refreshing one order from its platform found (the effect of a one-order `orders pull`). */
export interface OrderRefreshResult {
  outcome: Extract<InboundOutcome, 'imported' | 'updated' | 'drift' | 'unchanged' | 'own_push' | 'ignored'>;
  detail: string;
}

/**
 * Reads an order through the store's platform (one request: the event is only a hint) and applies
 * it as `orders pull` would for that one order.
 */
export interface OrderRefresher {
  refresh(store: StoreRow, idOrigin: number, signal?: AbortSignal): Promise<OrderRefreshResult>;
}

export interface InboxDeps {
  db: Kysely<Database>;
  logger: Logger;
  now(): number;
  /** Names this process in the inbox's leases. */
  processId: string;
  refresher: OrderRefresher;
}

export interface InboxOptions {
  /** Events per claim. */
  batch?: number;
  leaseMs?: number;
  /** Failed refreshes before an event is left as failed (it stays listed; the periodic pull reconciles). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

export interface InboxSummary {
  processed: number;
  outcomes: Partial<Record<InboundOutcome, number>>;
}

const RETRY_DELAY_MS = 30_000;

/** The order's updated-at as ecom-sync last recorded it from the platform, per (store, id_origin). */
async function knownUpdatedAt(db: Kysely<Database>, events: InboundEventRow[]): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  const byStore = new Map<number, number[]>();
  for (const event of events) {
    if (event.id_origin === null || !/^\d{1,15}$/.test(event.id_origin)) continue;
    byStore.set(event.id_store, [...(byStore.get(event.id_store) ?? []), Number(event.id_origin)]);
  }
  for (const [storeId, ids] of byStore) {
    const rows = await db.selectFrom('orders').select(['id_origin', 'platform_date_upd'])
      .where('id_store', '=', storeId).where('id_origin', 'in', [...new Set(ids)]).execute();
    for (const row of rows) {
      const at = row.platform_date_upd === null ? Number.NaN : Date.parse(row.platform_date_upd);
      if (!Number.isNaN(at)) known.set(`${storeId}:${row.id_origin}`, at);
    }
  }
  return known;
}

/**
 * Works the inbox: each claimed event either changes nothing (stale: ecom-sync already knows a
 * newer state of the order; or a newer event of the same order is in the batch) or makes the
 * platform read the order once and applies what it says. The platform's answer is the truth, so a
 * retried Shopify delivery carrying an old body, or a WooCommerce body built later than its event,
 * never overwrites newer knowledge.
 */
export async function processInboundEvents(deps: InboxDeps, options: InboxOptions = {}): Promise<InboxSummary> {
  const summary: InboxSummary = { processed: 0, outcomes: {} };
  const batch = options.batch ?? 50;
  const maxAttempts = options.maxAttempts ?? 5;
  const stores = new Map<number, StoreRow>();
  for (;;) {
    options.signal?.throwIfAborted();
    const events = await claimInboundEvents(deps.db, { owner: deps.processId, now: deps.now(), leaseMs: options.leaseMs ?? 60_000, limit: batch });
    if (events.length === 0) return summary;
    if (stores.size === 0) for (const store of await listStores(deps.db)) stores.set(store.id_store, store);
    const known = await knownUpdatedAt(deps.db, events);
    // The newest event of each order in this batch is the one worth a read; older ones are covered by it.
    const newest = new Map<string, InboundEventRow>();
    for (const event of events) {
      if (event.id_origin !== null) newest.set(`${event.id_store}:${event.id_origin}`, event);
    }
    for (const event of events) {
      const lease = { id: event.id_inbound_event, leaseOwner: event.lease_owner ?? '' };
      const finish = async (outcome: InboundOutcome, detail: string | null, attempts = event.attempts) => {
        await finishInboundEvent(deps.db, lease, { outcome, detail, at: deps.now(), attempts });
        summary.processed += 1;
        summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
      };
      const store = stores.get(event.id_store);
      if (!store || event.id_origin === null || !/^\d{1,15}$/.test(event.id_origin)) {
        await finish('ignored', store ? `topic ${event.topic} names no order` : 'the store no longer exists');
        continue;
      }
      const key = `${event.id_store}:${event.id_origin}`;
      if (newest.get(key) !== event) {
        await finish('stale', 'a newer event of this order came in the same batch');
        continue;
      }
      const eventAt = event.platform_updated_at === null ? Number.NaN : Date.parse(event.platform_updated_at);
      const knownAt = known.get(key);
      if (knownAt !== undefined && !Number.isNaN(eventAt) && eventAt <= knownAt) {
        await finish('stale', `ecom-sync already knows the order as of ${new Date(knownAt).toISOString()}`);
        continue;
      }
      try {
        const result = await deps.refresher.refresh(store, Number(event.id_origin), options.signal);
        await finish(result.outcome, result.detail, event.attempts + 1);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const attempts = event.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.warn({ id_inbound_event: event.id_inbound_event, id_store: event.id_store, attempt: attempts }, `webhook event ${event.id_inbound_event}: reading order ${event.id_origin} failed: ${message}`);
        if (attempts >= maxAttempts) {
          await finish('failed', `${message} (gave up after ${attempts} attempts; the periodic orders pull reconciles the order)`, attempts);
        } else {
          // Back to the inbox, not before the delay: the lease time doubles as "not before".
          await deps.db.updateTable('inbound_events')
            .set({ attempts, detail: message.slice(0, 1000), lease_owner: null, lease_until: deps.now() + RETRY_DELAY_MS })
            .where('id_inbound_event', '=', event.id_inbound_event).where('lease_owner', '=', lease.leaseOwner)
            .execute();
        }
      }
    }
  }
}
