import { isoFromEpochMs } from '../../dates/iso-date.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { webhookActivityByStore, type StoreWebhookActivity } from '../../webhooks/inbound-event-repository.js';
import { readQueueSummary, type QueueSummary } from '../queue-summary.js';
import type { RouteContext } from '../route-context.js';
import { AnyObject, Nullable } from '../route-schemas.js';

const queueSchema = Nullable(Type.Object({
  pending: Type.Integer(), running: Type.Integer(), failed: Type.Integer(), oldest_pending_age_s: Nullable(Type.Integer()),
}, { description: 'sync jobs waiting (pending), being delivered (running), given up (failed); null when the database does not answer' }));

const loops = AnyObject({ description: 'per loop: its last run and outcome' });

const webhooksSchema = Type.Array(Type.Object({
  id_store: Type.Integer(), last_received_at: Nullable(Type.String()), pending: Type.Integer(), failed: Type.Integer(),
}), { description: 'per store that received webhooks: the last one received (ISO UTC) and the events waiting or failed in the inbox' });

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
      webhooks: webhooks.map((w) => ({ ...w, last_received_at: w.last_received_at === null ? null : isoFromEpochMs(w.last_received_at) })),
    });
  });
}
