import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { App } from '../app-types.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logging/create-logger.js';
import { createBearerCheck } from './bearer-auth.js';
import type { DaemonServices } from './daemon-services.js';
import { createDaemonStatus, type DaemonStatus } from './daemon-status.js';
import { handleError, HttpError } from './http-errors.js';
import { createInitCache, type InitCache } from './init-cache.js';
import { registerAdminAssets } from './admin-assets.js';
import { openApiOptions } from './openapi.js';
import type { RouteContext } from './route-context.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerInitRoutes } from './routes/init-routes.js';
import { registerOrderRoutes } from './routes/orders-routes.js';
import { registerSyncRoutes } from './routes/sync-routes.js';
import { registerTransitionRoutes } from './routes/transition-routes.js';
import { registerTriggerRoutes } from './routes/trigger-routes.js';
import { registerWebhookRoutes } from './routes/webhook-routes.js';
import { AnyObject } from './route-schemas.js';
import { createSerialRunner, type SerialRunner } from './serial-runner.js';
import { trackRouteMethods } from './method-not-allowed.js';
import { serializeRequest } from './request-log.js';

export interface BuildServerOptions {
  services: DaemonServices;
  /** Default app.config.daemon.token. */
  token?: string | null;
  /** Serve without authentication (startDaemon allows it on loopback only). */
  insecureNoAuth?: boolean;
  /** The daemon's JSON logger; default app.logger. */
  logger?: Logger;
  statesRunner?: SerialRunner;
  status?: DaemonStatus;
  initCache?: InitCache;
  /** Aborted at shutdown: background work started by requests stops. */
  signal?: AbortSignal;
  version?: string;
  /** The dashboard's built files; default dist/admin of the package (none: /admin/ answers 404 ADMIN_NOT_BUILT). */
  adminAssetsDir?: string | null;
  /** Wakes the webhook inbox worker after a delivery was stored. */
  onWebhookStored?: () => void;
}

type Schema = { properties?: Record<string, { type?: unknown }> } | undefined;

/**
 * Query strings and path parameters arrive as strings. Bodies are validated strictly (no
 * coercion: `true` is not a state id); here only plain digit strings of integer fields become
 * numbers, everything else is left for the schema to refuse.
 */
function coerceDigits(values: unknown, schema: Schema): void {
  if (!values || typeof values !== 'object' || !schema?.properties) return;
  const record = values as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const type = schema.properties[key]?.type;
    if ((type === 'integer' || type === 'number') && typeof value === 'string' && /^\d{1,20}$/.test(value)) record[key] = Number(value);
  }
}

/** The REST API over the same services as the CLI; no listen() here, so tests use inject(). */
export function buildServer(app: App, options: BuildServerOptions): FastifyInstance {
  const token = options.token === undefined ? app.config.daemon.token : options.token;
  if (!token && !options.insecureNoAuth) {
    throw new ConfigError('the REST API needs a bearer token', { hint: 'Set ECOM_SYNC_API_TOKEN (or daemon.token); for local development only, --insecure-no-auth on 127.0.0.1.' });
  }
  const checkBearer = token ? createBearerCheck(token) : null;
  const logger = options.logger ?? app.logger;

  const server = Fastify({
    // Request lines show the path and the query with secret parameters redacted.
    loggerInstance: logger.child({}, { serializers: { req: serializeRequest } }) as FastifyBaseLogger,
    bodyLimit: app.config.daemon.body_limit_bytes,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // Malformed URLs (`/orders/%`) fail before routing: same error body as everything else.
    frameworkErrors: (error, request, reply) => { handleError(error, request, reply); },
    ajv: { customOptions: { coerceTypes: false, useDefaults: true, removeAdditional: true, allErrors: false } },
  });

  // JSON only: a text/plain body is refused with 415 before it reaches a schema.
  server.removeContentTypeParser('text/plain');
  const allowedMethods = trackRouteMethods(server);

  server.setErrorHandler(handleError);
  server.setNotFoundHandler((request: FastifyRequest, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      throw new HttpError('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`);
    }
    throw new HttpError('ROUTE_NOT_FOUND', `no route ${request.method} ${path}`);
  });

  server.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
    if (!checkBearer || request.routeOptions.config?.public) return;
    try {
      checkBearer(request.headers.authorization);
    } catch (error) {
      reply.header('www-authenticate', 'Bearer realm="ecom-sync"');
      throw error;
    }
  });
  // Requests in flight at shutdown finish, but their keep-alive connections must not hold the
  // server open: the answers given while closing tell the client to hang up.
  let closing = false;
  server.addHook('preClose', async () => { closing = true; });
  server.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  server.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema;
    coerceDigits(request.query, schema?.querystring as Schema);
    coerceDigits(request.params, schema?.params as Schema);
  });

  const statesRunner = options.statesRunner ?? createSerialRunner();
  const ctx: RouteContext = {
    app,
    services: options.services,
    initCache: options.initCache ?? createInitCache(app, app.config.daemon.init_cache_ttl_s),
    statesRunner,
    status: options.status ?? createDaemonStatus(app.clock.now()),
    signal: options.signal ?? new AbortController().signal,
  };
  // @fastify/swagger documents the routes declared once it is loaded (its onRoute hook): the routes
  // sit in a plugin registered after it, which avvio loads after swagger (openapi.ts).
  void server.register(fastifySwagger, openApiOptions(options.version ?? '0.0.0'));
  void server.register(async (api) => {
    registerHealthRoutes(api, ctx);
    registerInitRoutes(api, ctx);
    registerOrderRoutes(api, ctx);
    registerSyncRoutes(api, ctx);
    registerTriggerRoutes(api, ctx);
    registerTransitionRoutes(api, ctx);
    registerAdminRoutes(api, ctx);
    registerAdminAssets(api, options.adminAssetsDir);
    registerWebhookRoutes(api, ctx, { bodyLimit: app.config.daemon.webhook_body_limit_bytes, ...(options.onWebhookStored ? { onStored: options.onWebhookStored } : {}) });
    api.get('/openapi.json', {
      schema: { summary: 'This description', tags: ['operations'], responses: { 200: AnyObject({ description: 'the OpenAPI document' }) } },
    }, async () => server.swagger());
  });

  // A manual pull accepted with 202 finishes (or sees the abort) before the server reports closed.
  server.addHook('onClose', async () => { await statesRunner.idle(); });
  return server;
}
