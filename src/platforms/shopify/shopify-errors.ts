import type { CodeOfKind } from '../../error-codes.js';
import { PlatformError, type ErrorOptions } from '../../errors.js';
import type { ErrorClass } from '../platform-port.js';

/** A PlatformError that already knows what it means for a delivery (see classifyShopifyError). */
export class ShopifyPlatformError extends PlatformError {
  constructor(code: CodeOfKind<'platform'>, message: string, readonly errorClass: ErrorClass, options: ErrorOptions & { status?: number } = {}) {
    super(code, message, {
      ...options,
      retryable: errorClass.kind === 'retryable' || errorClass.kind === 'throttled' || errorClass.kind === 'outcome-unknown',
      outcomeUnknown: errorClass.kind === 'outcome-unknown',
      ...('retryAfterMs' in errorClass && errorClass.retryAfterMs !== undefined ? { retryAfterMs: errorClass.retryAfterMs } : {}),
    });
  }
}

/** What an error means for a delivery. Anything not from the client (a bug) fails without a repeat. */
export function classifyShopifyError(error: unknown): ErrorClass {
  if (error instanceof ShopifyPlatformError) return error.errorClass;
  if (error instanceof PlatformError) {
    if (error.outcomeUnknown) return { kind: 'outcome-unknown' };
    if (error.retryable) return { kind: 'retryable', ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) };
    return { kind: 'refused', message: error.message };
  }
  return { kind: 'bad-response', message: error instanceof Error ? error.message : String(error) };
}

/** `Access denied for orders field. Required access: \`read_orders\` access scope.` → `read_orders`. */
export function scopeFromAccessDenied(message: string, requiredAccess: unknown): string {
  const text = typeof requiredAccess === 'string' ? requiredAccess : message;
  const match = /`([a-z_]+)`/.exec(text) ?? /\b((?:read|write)_[a-z_]+)\b/.exec(text);
  return match?.[1] ?? 'unknown scope';
}

/** Removes every secret from text quoted out of an answer, should a server echo one. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
