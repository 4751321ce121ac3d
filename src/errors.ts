import { ERROR_CATALOGUE, messageOf } from './error-codes.js';
import type { CodeOfKind, ExitCode, ErrorCode, ErrorKind, KindOf, ParamsOf, TemplatedCode } from './error-codes.js';

export { ExitCode } from './error-codes.js';
export type { ErrorCode } from './error-codes.js';

/**
 * One error family for the whole program. Every expected failure carries a stable `code` of the
 * catalogue (`src/error-codes.ts`, printed as `error[CODE]`); its exit code, HTTP status and default
 * hint come from the code's entry, never from the place that raises it. Anything that is not an
 * EcomSyncError is a bug: the CLI prints its stack and exits 1.
 */
export interface ErrorOptions {
  /** A hint more precise than the catalogue's (naming the store, the states to choose from…). */
  hint?: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class EcomSyncError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  readonly httpStatus: number;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = ERROR_CATALOGUE[code];
    this.name = new.target.name;
    this.code = code;
    this.exitCode = entry.exit;
    this.httpStatus = entry.http;
    this.hint = options.hint ?? entry.hint;
    this.details = options.details;
  }
}

/** Bad flags, arguments or request bodies. */
export class UsageError extends EcomSyncError {
  constructor(code: CodeOfKind<'usage'>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** A well-formed request that names a state, store or value that cannot be used. */
export class ValidationError extends EcomSyncError {
  constructor(code: CodeOfKind<'validation'>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** An order, store, trigger or job that does not exist. */
export class NotFoundError extends EcomSyncError {
  constructor(code: CodeOfKind<'not-found'>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** The request conflicts with what is stored (a duplicate trigger, a store name in use). */
export class ConflictError extends EcomSyncError {
  constructor(code: CodeOfKind<'conflict'>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** The configuration file or environment is invalid. */
export class ConfigError extends EcomSyncError {
  constructor(message: string, options?: ErrorOptions & { problems?: string[] }) {
    super('CONFIG_INVALID', message, options);
    this.problems = options?.problems ?? [];
  }
  readonly problems: string[];
}

/** The platform answered with an error, or could not be reached. */
export class PlatformError extends EcomSyncError {
  constructor(code: CodeOfKind<'platform'>, message: string, options?: ErrorOptions & { status?: number; retryable?: boolean; outcomeUnknown?: boolean; retryAfterMs?: number }) {
    super(code, message, options);
    this.status = options?.status;
    this.retryable = options?.retryable ?? false;
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
    this.retryAfterMs = options?.retryAfterMs;
  }
  /** HTTP status of the platform's answer, when there was one. */
  readonly status: number | undefined;
  /** Network errors, timeouts, 5xx and 429: worth another attempt. 4xx: never. */
  readonly retryable: boolean;
  /** A write may have been applied although it failed (5xx, timeout, dropped connection). */
  readonly outcomeUnknown: boolean;
  /** The platform's Retry-After, in milliseconds. */
  readonly retryAfterMs: number | undefined;
}

/** Some items of a batch failed; the rest were applied. Already explained to the user. */
export class PartialFailureError extends EcomSyncError {
  constructor(message: string, options?: ErrorOptions) {
    super('PARTIAL_FAILURE', message, options);
  }
}

/** The failure was already reported to the user: just exit with this code. */
export class ExitError extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}

/** Refused by the REST layer before any handler ran (auth, size and media-type limits, routing). */
export class HttpError extends EcomSyncError {
  constructor(code: CodeOfKind<'request'>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

interface InstanceOfKind {
  usage: UsageError;
  validation: ValidationError;
  'not-found': NotFoundError;
  conflict: ConflictError;
  request: HttpError;
  config: EcomSyncError;
  unavailable: EcomSyncError;
  platform: PlatformError;
  partial: EcomSyncError;
  internal: EcomSyncError;
}

/** The class an error of each kind is an instance of, so `instanceof NotFoundError` keeps its meaning. */
const CLASS_OF_KIND: Record<ErrorKind, new (code: never, message: string, options?: ErrorOptions) => EcomSyncError> = {
  usage: UsageError,
  validation: ValidationError,
  'not-found': NotFoundError,
  conflict: ConflictError,
  request: HttpError,
  config: EcomSyncError,
  unavailable: EcomSyncError,
  platform: PlatformError,
  partial: EcomSyncError,
  internal: EcomSyncError,
};

/**
 * The error of a code whose wording the catalogue holds: `fail('ORDER_NOT_FOUND', { id: 32 })` is the
 * NotFoundError `order 32 does not exist` with the catalogue's hint, wherever it is raised.
 */
export function fail<C extends TemplatedCode>(code: C, params: ParamsOf<C>, options: Omit<ErrorOptions, 'hint'> = {}): InstanceOfKind[KindOf<C>] {
  const Class = CLASS_OF_KIND[ERROR_CATALOGUE[code].kind] as new (code: C, message: string, options?: ErrorOptions) => InstanceOfKind[KindOf<C>];
  return new Class(code, messageOf(code, params), options);
}

export function isEcomSyncError(error: unknown): error is EcomSyncError {
  return error instanceof EcomSyncError;
}
