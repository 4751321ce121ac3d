/**
 * One error family for the whole program. Every expected failure carries a stable `code`
 * (printed as `error[CODE]`), the process exit code the CLI uses, the HTTP status the REST
 * layer answers with, and a hint telling the user what to do next. Anything that is not an
 * EcomSyncError is a bug: the CLI prints its stack and exits 1.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  platform: 4,
  partial: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class EcomSyncError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly httpStatus: number;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, exitCode: ExitCode, httpStatus: number, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Bad flags, arguments or request bodies. */
export class UsageError extends EcomSyncError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, ExitCode.usage, 400, options);
  }
}

/** A well-formed request that names a state, store or value that cannot be used. */
export class ValidationError extends EcomSyncError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, ExitCode.usage, 422, options);
  }
}

/** An order, store, trigger or job that does not exist. */
export class NotFoundError extends EcomSyncError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, ExitCode.usage, 404, options);
  }
}

/** The request conflicts with what is stored (a duplicate trigger, a store name in use). */
export class ConflictError extends EcomSyncError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, ExitCode.usage, 409, options);
  }
}

/** The configuration file or environment is invalid. */
export class ConfigError extends EcomSyncError {
  constructor(message: string, options?: ErrorOptions & { problems?: string[] }) {
    super('CONFIG_INVALID', message, ExitCode.config, 500, options);
    this.problems = options?.problems ?? [];
  }
  readonly problems: string[];
}

/** The platform answered with an error, or could not be reached. */
export class PlatformError extends EcomSyncError {
  constructor(code: string, message: string, options?: ErrorOptions & { status?: number; retryable?: boolean; outcomeUnknown?: boolean; retryAfterMs?: number }) {
    super(code, message, ExitCode.platform, 502, options);
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
    super('PARTIAL_FAILURE', message, ExitCode.partial, 207, options);
  }
}

/** The failure was already reported to the user: just exit with this code. */
export class ExitError extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}

export function isEcomSyncError(error: unknown): error is EcomSyncError {
  return error instanceof EcomSyncError;
}
