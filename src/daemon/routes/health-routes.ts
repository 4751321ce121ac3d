import { isoFromEpochMs } from '../../dates/iso-date.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { webhookActivityByStore, type StoreWebhookActivity } from '../../webhooks/inbound-event-repository.js';
import type { SubscriptionCheck } from '../../webhooks/subscription-check.js';
import { readQueueSummary, type QueueSummary } from '../queue-summary.js';
import type { RouteContext } from '../route-context.js';
import { AnyObject, Nullable } from '../route-schemas.js';

const queueSchema = Nullable(Type.Object({
  pending: Type.Integer(), running: Type.Integer(), failed: Type.Integer(), oldest_pending_age_s: Nullable(Type.Integer()),
}, { description: 'sync jobs waiting (pending), being delivered (running), given up (failed); null when the database does not answer' }));

const loops = AnyObject({ description: 'per loop: its last run and outcome' });

const subscriptionsSchema = Nullable(Type.Object({
  checked_at: Type.String(),
  active: Type.Integer(),
  disabled: Type.Array(Type.String()),
  missing: Type.Array(Type.String()),
  error: Nullable(Type.String()),
}, { description: 'what the platform said of ecom-sync\'s subscriptions at the last check (daemon.webhook_check_s): active ones, the topics it disabled, the topics missing; null before the first check' }));

const webhooksSchema = Type.Array(Type.Object({
  id_store: Type.Integer(), last_received_at: Nullable(Type.String()), pending: Type.Integer(), failed: Type.Integer(), subscriptions: subscriptionsSchema,
}), { description: 'per store that received webhooks or was checked: the last one received (ISO UTC), the events waiting or failed in the inbox, and its subscriptions on the platform' });

/** The inbox's figures and the last subscription check, one row per store that has either. */
function webhooksByStore(activity: StoreWebhookActivity[], checks: readonly SubscriptionCheck[]) {
  const ids = [...new Set([...activity.map((a) => a.id_store), ...checks.map((c) => c.id_store)])].sort((a, b) => a - b);
  return ids.map((id_store) => {
    const seen = activity.find((a) => a.id_store === id_store);
    const check = checks.find((c) => c.id_store === id_store);
    return {
      id_store,
      last_received_at: isoFromEpochMs(seen?.last_received_at ?? null),
      pending: seen?.pending ?? 0,
      failed: seen?.failed ?? 0,
      subscriptions: check === undefined ? null : { checked_at: check.checked_at, active: check.active, disabled: check.disabled, missing: check.missing, error: check.error },
    };
  });
}

/** Liveness for load balancers and systemd watchdogs: no token, no secrets, no store details. */
export function registerHealthRoutes(server: FastifyInstance, ctx: RouteContext): void {
  server.withTypeProvider<TypeBoxTypeProvider>().get('/health', {
    config: { public: true },
    schema: {
      summary: 'Database reachability, sync queue and loop status (no authentication)',
      tags: ['operations'],
      responses: {
        200: Type.Object({ status: Type.Literal('ok'), db: Type.Literal('ok'), queue: queueSchema, started_at: Type.String(), leader: Type.Boolean(), loops, webhooks: webhooksSchema }, { description: 'the database answers' }),
        503: Type.Object({ status: Type.Literal('degraded'), db: Type.Literal('error'), queue: Type.Null(), started_at: Type.String(), leader: Type.Boolean(), loops }, { description: 'the database does not answer' }),
      },
    },
  }, async (request, reply) => {
    let db = 'ok';
    let queue: QueueSummary | null = null;
    let webhooks: StoreWebhookActivity[] = [];
    try {
      // The queue's one statement doubles as the reachability check.
      queue = await readQueueSummary(ctx.app.db, ctx.app.clock.now());
      webhooks = await webhookActivityByStore(ctx.app.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: the database does not answer');
      db = 'error';
    }
    return reply.code(db === 'ok' ? 200 : 503).send({
      status: db === 'ok' ? 'ok' : 'degraded',
      db,
      queue,
      started_at: ctx.status.started_at,
      leader: ctx.status.leader,
      loops: ctx.status.loops,
      webhooks: webhooksByStore(webhooks, ctx.status.webhook_subscriptions),
    });
  });
}
