import { describe, expect, it } from 'vitest';
import { resolveSendEmail } from '../../../src/sync/trigger-target.js';

// One rule for job creation, re-targeting, `orders set-status --dry-run`, `triggers test` and the admin preview.
describe('send_email: trigger ?? store ?? config', () => {
  it('the first one set decides, whether stored as 0/1 or given as a boolean', () => {
    expect(resolveSendEmail(0, 1, { send_email: true })).toBe(false);
    expect(resolveSendEmail(true, 0, { send_email: false })).toBe(true);
    expect(resolveSendEmail(null, 0, { send_email: true })).toBe(false);
    expect(resolveSendEmail(undefined, 1, { send_email: false })).toBe(true);
    expect(resolveSendEmail(null, null, { send_email: true })).toBe(true);
    expect(resolveSendEmail(undefined, undefined, { send_email: false })).toBe(false);
  });
});
