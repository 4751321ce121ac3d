import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';

/** Liveness for load balancers and systemd watchdogs: no token, no secrets, no store details. */
export function registerHealthRoutes(server: FastifyInstance, ctx: RouteContext): void {
  server.get('/health', {
    config: { public: true },
    schema: {
      summary: 'Database reachability and loop status (no authentication)',
      tags: ['operations'],
      responses: {
        200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, db: { type: 'string' }, leader: { type: 'boolean' }, loops: { type: 'object', additionalProperties: true } } },
        503: { type: 'object', properties: { status: { type: 'string', enum: ['degraded'] }, db: { type: 'string' } } },
      },
    },
  }, async (request, reply) => {
    let db = 'ok';
    try {
      await sql`select 1`.execute(ctx.app.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: the database does not answer');
      db = 'error';
    }
    return reply.code(db === 'ok' ? 200 : 503).send({
      status: db === 'ok' ? 'ok' : 'degraded',
      db,
      started_at: ctx.status.started_at,
      leader: ctx.status.leader,
      loops: ctx.status.loops,
    });
  });
}
