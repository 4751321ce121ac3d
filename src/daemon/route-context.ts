import type {} from '@fastify/swagger';
import type { App } from '../app-types.js';
import type { DaemonServices } from './daemon-services.js';
import type { DaemonStatus } from './daemon-status.js';
import type { InitCache } from './init-cache.js';
import type { SerialRunner } from './serial-runner.js';

/** What every route module receives from buildServer. */
export interface RouteContext {
  app: App;
  services: DaemonServices;
  initCache: InitCache;
  /** Serializes states pulls with the hourly loop. */
  statesRunner: SerialRunner;
  status: DaemonStatus;
  /** Aborted at shutdown: background work started by a request stops. */
  signal: AbortSignal;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a bearer token (/health, the webhooks, the dashboard's files). */
    public?: boolean;
  }
  interface FastifySchema {
    /**
     * Documented answers per status for /openapi.json (not fastify's `response`: nothing is
     * serialized with them, extra fields stay; see route-schemas.ts). summary, description and
     * tags come from @fastify/swagger's declarations.
     */
    responses?: Record<string, unknown>;
  }
}
