import type { App } from '../app-types.js';
import { countJobsByStatus } from '../sync/index.js';
import { WEBHOOK_PLATFORMS } from '../webhooks/inbound-delivery.js';
import { webhookActivityByStore } from '../webhooks/inbound-event-repository.js';
import { countDrift } from './order-drift.js';
import { isoFromEpochMs, isoFromStored } from '../dates/iso-date.js';

export interface StoreOverview {
  id_store: number;
  name: string;
  platform: string;
  is_active: boolean;
  /** 'failing' (the platform refused the key), 'configured', or 'missing' (no key and no variable). */
  credentials: 'failing' | 'configured' | 'missing';
  credentials_error: string | null;
  credentials_failed_at: string | null;
  /** The newest update of the store's pulled state catalogue. */
  states_pulled_at: string | null;
  orders_pulled_at: string | null;
  /** Whether the platform sends webhooks at all (PrestaShop: the orders pull is the only channel). */
  webhooks: boolean;
  /** The newest delivery received for the store (ISO UTC, as /health gives it), and its inbox's waiting and failed events. */
  last_webhook_at: string | null;
  webhooks_pending: number;
  webhooks_failed: number;
}

export interface Overview {
  stores: StoreOverview[];
  queue: { pending: number; running: number; failed: number; done: number; superseded: number; cancelled: number; oldest_pending_at: string | null; oldest_pending_age_s: number | null };
  drift: number;
}

/** The dashboard's first screen in five queries, none per store. */
export async function loadOverview(app: App): Promise<Overview> {
  const { db } = app;
  const stores = await db.selectFrom('stores').innerJoin('platforms', 'platforms.id_platform', 'stores.id_platform')
    .select(['stores.id_store', 'stores.name', 'platforms.name as platform', 'stores.is_active', 'stores.api_key', 'stores.api_key_env', 'stores.credentials_error', 'stores.credentials_failed_at', 'stores.orders_pulled_at'])
    .orderBy('stores.id_store').execute();
  const catalogue = await db.selectFrom('ecommerce_order_states').select(['id_store', (eb) => eb.fn.max('updated_at').as('pulled_at')]).groupBy('id_store').execute();
  const pulledAt = new Map(catalogue.map((row) => [row.id_store, row.pulled_at === null ? null : String(row.pulled_at)]));
  const webhooks = new Map((await webhookActivityByStore(db)).map((w) => [w.id_store, w]));
  const counts = await countJobsByStatus(db);
  const oldest = await db.selectFrom('sync_jobs').select((eb) => eb.fn.min('created_at').as('at')).where('status', '=', 'pending').executeTakeFirst();
  const oldestAt = oldest?.at === null || oldest?.at === undefined ? null : Number(oldest.at);
  return {
    stores: stores.map((s) => ({
      id_store: s.id_store,
      name: s.name,
      platform: s.platform,
      is_active: Number(s.is_active) === 1,
      credentials: s.credentials_error ? 'failing' : s.api_key || s.api_key_env ? 'configured' : 'missing',
      credentials_error: s.credentials_error,
      credentials_failed_at: isoFromStored(s.credentials_failed_at),
      states_pulled_at: isoFromStored(pulledAt.get(s.id_store) ?? null),
      orders_pulled_at: isoFromStored(s.orders_pulled_at),
      webhooks: (WEBHOOK_PLATFORMS as readonly string[]).includes(s.platform.toLowerCase()),
      last_webhook_at: isoFromEpochMs(webhooks.get(s.id_store)?.last_received_at ?? null),
      webhooks_pending: webhooks.get(s.id_store)?.pending ?? 0,
      webhooks_failed: webhooks.get(s.id_store)?.failed ?? 0,
    })),
    queue: {
      pending: counts.pending ?? 0, running: counts.running ?? 0, failed: counts.failed ?? 0, done: counts.done ?? 0,
      superseded: counts.superseded ?? 0, cancelled: counts.cancelled ?? 0,
      oldest_pending_at: isoFromEpochMs(oldestAt),
      oldest_pending_age_s: oldestAt === null ? null : Math.max(0, Math.round((app.clock.now() - oldestAt) / 1000)),
    },
    drift: await countDrift(db),
  };
}
