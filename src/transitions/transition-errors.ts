import { ConflictError, UsageError } from '../errors.js';
import type { TransitionVerdict } from './transition-types.js';

/** enforce mode refused a change (409, exit 2); the details carry the allowed next states. */
export class InvalidTransitionError extends ConflictError {
  constructor(readonly verdict: TransitionVerdict, orderId: number) {
    super('INVALID_TRANSITION', `order ${orderId}: ${verdict.violations.map((v) => v.message).join('; ')}`, {
      hint: verdict.allowed_next.length > 0
        ? `Allowed next: ${verdict.allowed_next.map((s) => `${s.id} ${s.name}`).join(', ')}. An admin may override with --force --reason TEXT ("force": true, "reason": "…").`
        : 'Check `ecom-sync transitions list`; an admin may override with --force --reason TEXT ("force": true, "reason": "…").',
      details: {
        id_order: orderId, state_type: verdict.state_type, from: verdict.from, to: verdict.to,
        allowed_next: verdict.allowed_next, violations: verdict.violations,
      },
    });
  }
}

export const MAX_REASON_LENGTH = 500;

/** An override needs a reason (it is stored with the history row); a reason alone means nothing. */
export function checkOverride(force: boolean | undefined, reason: string | null | undefined): { force: boolean; reason: string | null } {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (force === true && text === '') {
    throw new UsageError('REASON_REQUIRED', 'an override (--force / "force": true) needs a reason');
  }
  if (force !== true && text !== '') {
    throw new UsageError('INVALID_ARGUMENT', 'a reason is only taken with an override (--force / "force": true)', { hint: 'Add --force, or drop --reason.' });
  }
  if (text.length > MAX_REASON_LENGTH) {
    throw new UsageError('INVALID_ARGUMENT', `the reason is ${text.length} characters long; at most ${MAX_REASON_LENGTH}`);
  }
  return { force: force === true, reason: force === true ? text : null };
}
