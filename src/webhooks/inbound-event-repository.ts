import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, InboundEventsTable } from '../db/database-types.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { InboundDelivery, WebhookPlatform } from './inbound-delivery.js';

type Db = Kysely<Database> | Transaction<Database>;

export type InboundEventRow = Selectable<InboundEventsTable>;

export const INBOUND_OUTCOMES = ['pending', 'imported', 'updated', 'drift', 'unchanged', 'stale', 'own_push', 'ignored', 'failed'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** Stores a delivery; a repeated one (same store and dedup key) is not stored again. */
export async function insertInboundEvent(
  db: Db,
  event: { storeId: number; platform: WebhookPlatform; delivery: InboundDelivery; payload: string; receivedAt: number },
): Promise<{ stored: boolean }> {
  try {
    await db.insertInto('inbound_events').values({
      id_store: event.storeId,
      platform: event.platform,
      topic: event.delivery.topic.slice(0, 100),
      dedup_key: event.delivery.dedupKey.slice(0, 200),
      id_origin: event.delivery.idOrigin,
      received_at: event.receivedAt,
      platform_updated_at: event.delivery.platformUpdatedAt,
      payload: event.payload,
    }).execute();
    return { stored: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { stored: false };
    throw error;
  }
}

export interface ClaimInboundOptions {
  owner: string;
  now: number;
  leaseMs: number;
  limit: number;
}

/**
 * Takes up to `limit` unprocessed events under a lease, oldest first. One conditional UPDATE over
 * the candidates: a row another process took in between no longer matches, so no event is worked
 * on twice at once on any database. The lease token in `lease_owner` tells this claim's rows apart.
 */
export async function claimInboundEvents(db: Kysely<Database>, options: ClaimInboundOptions): Promise<InboundEventRow[]> {
  const candidates = await db.selectFrom('inbound_events').select('id_inbound_event')
    .where('outcome', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', options.now)]))
    .orderBy('received_at').orderBy('id_inbound_event')
    .limit(options.limit)
    .execute();
  if (candidates.length === 0) return [];
  const token = `${options.owner}:${options.now}`;
  await db.updateTable('inbound_events')
    .set({ lease_owner: token, lease_until: options.now + options.leaseMs })
    .where('id_inbound_event', 'in', candidates.map((c) => c.id_inbound_event))
    .where('outcome', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', options.now)]))
    .execute();
  return db.selectFrom('inbound_events').selectAll().where('lease_owner', '=', token).where('outcome', '=', 'pending')
    .orderBy('received_at').orderBy('id_inbound_event').execute();
}

/** Records what processing found; fenced on the claim's token, so a process whose lease lapsed writes nothing. */
export async function finishInboundEvent(
  db: Db,
  event: { id: number; leaseOwner: string },
  result: { outcome: InboundOutcome; detail: string | null; at: number; attempts: number },
): Promise<boolean> {
  const updated = await db.updateTable('inbound_events')
    .set({ outcome: result.outcome, detail: result.detail === null ? null : result.detail.slice(0, 1000), processed_at: result.outcome === 'pending' ? null : result.at, attempts: result.attempts, lease_owner: null, lease_until: null })
    .where('id_inbound_event', '=', event.id)
    .where('lease_owner', '=', event.leaseOwner)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export interface InboundEventFilter {
  storeId?: number;
  outcome?: InboundOutcome;
  limit: number;
}

export type InboundEventSummary = Omit<InboundEventRow, 'payload' | 'lease_owner' | 'lease_until'>;

/** The inbox, newest first, without the bodies. */
export async function listInboundEvents(db: Db, filter: InboundEventFilter): Promise<InboundEventSummary[]> {
  let query = db.selectFrom('inbound_events')
    .select(['id_inbound_event', 'id_store', 'platform', 'topic', 'dedup_key', 'id_origin', 'received_at', 'platform_updated_at', 'processed_at', 'outcome', 'detail', 'attempts'])
    .orderBy('id_inbound_event', 'desc')
    .limit(filter.limit);
  if (filter.storeId !== undefined) query = query.where('id_store', '=', filter.storeId);
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  return query.execute();
}

export interface StoreWebhookActivity {
  id_store: number;
  last_received_at: number | null;
  pending: number;
  failed: number;
}

/** Per store: the last event received and what is waiting or failed, in one grouped query. */
export async function webhookActivityByStore(db: Db): Promise<StoreWebhookActivity[]> {
  const rows = await db.selectFrom('inbound_events')
    .select((eb) => [
      'id_store',
      eb.fn.max('received_at').as('last_received_at'),
      eb.fn.sum<number>(eb.case().when('outcome', '=', 'pending').then(1).else(0).end()).as('pending'),
      eb.fn.sum<number>(eb.case().when('outcome', '=', 'failed').then(1).else(0).end()).as('failed'),
    ])
    .groupBy('id_store')
    .execute();
  return rows.map((row) => ({
    id_store: row.id_store,
    last_received_at: row.last_received_at === null ? null : Number(row.last_received_at),
    pending: Number(row.pending),
    failed: Number(row.failed),
  }));
}
