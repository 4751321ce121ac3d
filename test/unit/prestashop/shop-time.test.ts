import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { oneSecondBefore } from '../../../src/platforms/prestashop/shop-time.js';

describe('oneSecondBefore', () => {
  it('steps back one second across minute, day, month and year boundaries', () => {
    expect(oneSecondBefore('2026-03-10 12:00:05')).toBe('2026-03-10 12:00:04');
    expect(oneSecondBefore('2026-03-01 00:00:00')).toBe('2026-02-28 23:59:59');
    expect(oneSecondBefore('2024-03-01 00:00:00')).toBe('2024-02-29 23:59:59');
    expect(oneSecondBefore('2026-01-01')).toBe('2025-12-31 23:59:59');
  });

  it('refuses anything that is not a shop time', () => {
    expect(() => oneSecondBefore('yesterday')).toThrow(ValidationError);
    expect(() => oneSecondBefore("2026-01-01 00:00:00' OR 1")).toThrow(ValidationError);
  });
});
