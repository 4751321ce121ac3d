import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseUnavailableError, isConnectionLoss } from '../db/connection-loss.js';
import { ERROR_CATALOGUE, type CodeOfKind, type ErrorCode } from '../error-codes.js';
import { EcomSyncError, HttpError } from '../errors.js';

/** The one error body every route answers with: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
  error: { code: string; message: string; hint?: string; request_id?: string; details?: Record<string, unknown> };
}

export { HttpError } from '../errors.js';

/** fastify's own client errors, renamed to stable codes that do not depend on fastify's internals. */
const FASTIFY_CODES: Record<string, CodeOfKind<'request'>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_BAD_URL: 'INVALID_URL',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
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
  const sendError = (known: EcomSyncError): FastifyReply => {
    const status = known.httpStatus >= 400 && known.httpStatus < 600 ? known.httpStatus : 500;
    if (status >= 500) request.log.error({ err: known, code: known.code }, `request failed: ${known.message}`);
    return send(reply, status, { error: { code: known.code, message: known.message, ...(known.hint ? { hint: known.hint } : {}), request_id: requestId, ...(known.details ? { details: known.details } : {}) } });
  };
  if (error instanceof EcomSyncError) return sendError(error);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const route = request.routeOptions.url === undefined ? '' : ` of ${request.method} ${request.routeOptions.url}`;
    return sendError(new HttpError('VALIDATION_FAILED', fastifyError.message, { hint: `Fix the named field; GET /openapi.json has the schema${route}.` }));
  }
  // SyntaxError from JSON.parse inside fastify's body parser carries statusCode 400.
  const statusCode = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (statusCode >= 400 && statusCode < 500) {
    const code = (fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined) ?? (statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST');
    return sendError(new HttpError(code, fastifyError.message));
  }
  request.log.error({ err: error }, 'unexpected error while handling a request');
  const internal: ErrorCode = 'INTERNAL';
  return send(reply, ERROR_CATALOGUE[internal].http, { error: { code: internal, message: `internal error; the daemon log has the details under request id ${requestId}`, hint: ERROR_CATALOGUE[internal].hint, request_id: requestId } });
}
