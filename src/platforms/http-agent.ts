import { Agent } from 'undici';

export interface HttpAgentOptions {
  /** Time allowed to open a TCP/TLS connection (the spec: 10 s). */
  connectTimeoutMs: number;
  /** Sockets kept per origin: bounds the concurrency towards one shop. */
  connections: number;
}

/**
 * The one HTTP connection pool of the application, shared by every store's platform client so
 * that sockets are reused across requests (keep-alive) instead of one session per order.
 * The composition root creates it and closes it on shutdown.
 */
export function createHttpAgent(options: HttpAgentOptions): Agent {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs },
    connections: options.connections,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
  });
}
