import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.js';
import { getStoreById } from '../../stores/store-repository.js';
import type { RouteContext } from '../route-context.js';
import { AnyObject, idParams, idSchema, JOB_STATUSES, listOf, Nullable, StringEnum, withDefaults, withErrors } from '../route-schemas.js';
import { jobWithIsoTimes } from '../../sync/job-times.js';

export function registerSyncRoutes(fastify: FastifyInstance, ctx: RouteContext): void {
  const server = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { app, services } = ctx;

  server.post('/api/v1/sync/prestashop', {
    schema: {
      summary: "Pull a store's order states now (all active stores without store_id); runs in the background, after any pull in progress",
      tags: ['sync'],
      querystring: Type.Object({ store_id: Type.Optional(idSchema) }),
      responses: withErrors({
        202: Type.Object({ message: Type.String(), store_id: Nullable(Type.Integer()), queued_behind: Type.Integer() }),
      }, 404),
    },
  }, async (request, reply) => {
    const storeId = request.query.store_id;
    if (storeId !== undefined) await getStoreById(app.db, storeId);
    const queuedBehind = ctx.statesRunner.pending;
    const log = request.log;
    ctx.statesRunner.run(async () => {
      if (ctx.signal.aborted) return;
      await services.pullStates(app, { ...(storeId === undefined ? {} : { storeId }), signal: ctx.signal });
      ctx.initCache.invalidate();
    }).catch((error: unknown) => {
      log.error({ err: error }, `manual states pull failed${storeId === undefined ? '' : ` for store ${storeId}`}`);
    });
    return reply.code(202).send({
      message: 'Sincronizzazione stati ordine avviata',
      store_id: storeId ?? null,
      queued_behind: queuedBehind,
    });
  });

  server.get('/api/v1/sync/jobs', {
    schema: {
      summary: 'Sync jobs, newest first',
      tags: ['sync'],
      querystring: withDefaults(Type.Object({
        status: Type.Optional(StringEnum(JOB_STATUSES)),
        order: Type.Optional(idSchema),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
      })),
      responses: withErrors({ 200: listOf('jobs') }),
    },
  }, async (request) => {
    const q = request.query;
    const jobs = await services.listJobs(app, { ...(q.status ? { status: q.status } : {}), ...(q.order ? { orderId: q.order } : {}), limit: q.limit });
    return { jobs: jobs.map(jobWithIsoTimes) };
  });

  server.post('/api/v1/sync/jobs/:id/retry', {
    schema: {
      summary: 'Deliver a failed or pending sync job again, now',
      tags: ['sync'],
      params: idParams,
      responses: withErrors({ 200: AnyObject() }, 404, 409),
    },
  }, async (request) => {
    const job = await services.findJob(app, request.params.id);
    if (!job) throw fail('SYNC_JOB_NOT_FOUND', { id: request.params.id });
    return services.retryJob(app, request.params.id);
  });
}
