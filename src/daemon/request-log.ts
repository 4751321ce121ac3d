import type { FastifyRequest } from 'fastify';
import { redactQuery } from '../logging/redact-url.js';

/**
 * How a request appears in the daemon's log: method, path and query, with the values of
 * parameters that carry secrets (`?token=…`, `?ws_key=…`) redacted. Headers are never logged.
 */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactQuery(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
