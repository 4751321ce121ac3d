import type { FastifyInstance } from 'fastify';
import { webhookActivityByStore, type StoreWebhookActivity } from '../../webhooks/inbound-event-repository.js';
import { readQueueSummary, type QueueSummary } from '../queue-summary.js';
import type { RouteContext } from '../route-context.js';

const queueSchema = {
  type: ['object', 'null'],
  description: 'sync jobs waiting (pending), being delivered (running), given up (failed); null when the database does not answer',
  properties: { pending: { type: 'integer' }, running: { type: 'integer' }, failed: { type: 'integer' }, oldest_pending_age_s: { type: ['integer', 'null'] } },
} as const;

const webhooksSchema = {
  type: 'array',
  description: 'per store that received webhooks: the last one received (ISO UTC) and the events waiting or failed in the inbox',
  items: { type: 'object', properties: { id_store: { type: 'integer' }, last_received_at: { type: ['string', 'null'] }, pending: { type: 'integer' }, failed: { type: 'integer' } } },
} as const;

/** Liveness for load balancers and systemd watchdogs: no token, no secrets, no store details. */
export function registerHealthRoutes(server: FastifyInstance, ctx: RouteContext): void {
  server.get('/health', {
    config: { public: true },
    schema: {
      summary: 'Database reachability, sync queue and loop status (no authentication)',
      tags: ['operations'],
      responses: {
        200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, db: { type: 'string' }, queue: queueSchema, leader: { type: 'boolean' }, loops: { type: 'object', additionalProperties: true }, webhooks: webhooksSchema } },
        503: { type: 'object', properties: { status: { type: 'string', enum: ['degraded'] }, db: { type: 'string' }, queue: queueSchema } },
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
      webhooks: webhooks.map((w) => ({ ...w, last_received_at: w.last_received_at === null ? null : new Date(w.last_received_at).toISOString() })),
    });
  });
}
