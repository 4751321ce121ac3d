import type { FastifyInstance } from 'fastify';
import { readQueueSummary, type QueueSummary } from '../queue-summary.js';
import type { RouteContext } from '../route-context.js';

const queueSchema = {
  type: ['object', 'null'],
  description: 'sync jobs waiting (pending), being delivered (running), given up (failed); null when the database does not answer',
  properties: { pending: { type: 'integer' }, running: { type: 'integer' }, failed: { type: 'integer' }, oldest_pending_age_s: { type: ['integer', 'null'] } },
} as const;

/** Liveness for load balancers and systemd watchdogs: no token, no secrets, no store details. */
export function registerHealthRoutes(server: FastifyInstance, ctx: RouteContext): void {
  server.get('/health', {
    config: { public: true },
    schema: {
      summary: 'Database reachability, sync queue and loop status (no authentication)',
      tags: ['operations'],
      responses: {
        200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, db: { type: 'string' }, queue: queueSchema, leader: { type: 'boolean' }, loops: { type: 'object', additionalProperties: true } } },
        503: { type: 'object', properties: { status: { type: 'string', enum: ['degraded'] }, db: { type: 'string' }, queue: queueSchema } },
      },
    },
  }, async (request, reply) => {
    let db = 'ok';
    let queue: QueueSummary | null = null;
    try {
      // The queue's one statement doubles as the reachability check.
      queue = await readQueueSummary(ctx.app.db, ctx.app.clock.now());
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
    });
  });
}
