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
    /** Reachable without a bearer token (only /health). */
    public?: boolean;
  }
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** Documented responses for /openapi.json (not used to serialize: extra fields stay). */
    responses?: Record<string, unknown>;
  }
}
