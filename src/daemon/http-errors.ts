import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseUnavailableError, isConnectionLoss } from '../db/connection-loss.js';
import { EcomSyncError, ExitCode } from '../errors.js';

/** The one error body every route answers with: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
  error: { code: string; message: string; hint?: string; request_id?: string; details?: Record<string, unknown> };
}

/** A 4xx of the REST layer that has no CLI counterpart (auth, size limits). */
export class HttpError extends EcomSyncError {
  constructor(httpStatus: number, code: string, message: string, options: { hint?: string } = {}) {
    super(code, message, ExitCode.usage, httpStatus, options);
  }
}

/** fastify's own client errors, renamed to stable codes that do not depend on fastify's internals. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_BAD_URL: 'INVALID_URL',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

const CLIENT_ERROR_HINTS: Record<string, string> = {
  UNSUPPORTED_MEDIA_TYPE: 'Send the body as JSON with `Content-Type: application/json`.',
  INVALID_JSON: 'The body must be one valid JSON document; check quotes, commas and brackets.',
  PAYLOAD_TOO_LARGE: 'Send a smaller body (daemon.body_limit_bytes), or split a bulk change.',
};

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Maps anything a handler throws to a status and a stable body. Bad input of any shape is a 4xx;
 * EcomSyncErrors carry their own status; everything else is a bug: logged with the request id,
 * answered with a generic 500 that leaks nothing. A lost database connection is a 503
 * DATABASE_UNAVAILABLE.
 */
export function handleError(thrown: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requestId = String(request.id);
  // The database went away under the request (restart, failover, killed session): a 503 the client
  // may retry, not a 500 bug report. The server rolled back whatever transaction was open.
  const error = !(thrown instanceof EcomSyncError) && isConnectionLoss(thrown) ? new DatabaseUnavailableError(thrown) : thrown;
  if (error instanceof EcomSyncError) {
    const status = error.httpStatus >= 400 && error.httpStatus < 600 ? error.httpStatus : 500;
    if (status >= 500) request.log.error({ err: error, code: error.code }, `request failed: ${error.message}`);
    return send(reply, status, { error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}), request_id: requestId, ...(error.details ? { details: error.details } : {}) } });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const route = request.routeOptions.url === undefined ? '' : ` of ${request.method} ${request.routeOptions.url}`;
    return send(reply, 400, { error: { code: 'VALIDATION_FAILED', message: fastifyError.message, hint: `Fix the named field; GET /openapi.json has the schema${route}.`, request_id: requestId } });
  }
  // SyntaxError from JSON.parse inside fastify's body parser carries statusCode 400.
  const statusCode = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (statusCode >= 400 && statusCode < 500) {
    const code = (fastifyError.code && FASTIFY_CODES[fastifyError.code]) ?? (statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST');
    return send(reply, statusCode, { error: { code, message: fastifyError.message, hint: CLIENT_ERROR_HINTS[code] ?? 'GET /openapi.json describes every route and its request body.', request_id: requestId } });
  }
  request.log.error({ err: error }, 'unexpected error while handling a request');
  return send(reply, 500, { error: { code: 'INTERNAL', message: `internal error; the daemon log has the details under request id ${requestId}`, request_id: requestId } });
}
