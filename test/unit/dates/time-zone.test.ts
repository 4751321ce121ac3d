import { describe, expect, it } from 'vitest';
import { hasOffset, isoAt, isoFromEpochMs, isoFromPlatformDate, isoFromStored, isoFromWallTime } from '../../../src/dates/iso-date.js';
import { instantOfWallTime, isKnownTimeZone, wallTimeIn } from '../../../src/dates/time-zone.js';

const ROME = 'Europe/Rome';

describe('wall times of a shop in Europe/Rome', () => {
  it('carry +01:00 in winter and +02:00 in summer', () => {
    expect(isoFromWallTime('2026-12-01 09:31:56', ROME)).toBe('2026-12-01T09:31:56+01:00');
    expect(isoFromWallTime('2026-07-01 12:00:00', ROME)).toBe('2026-07-01T12:00:00+02:00');
  });

  it('switch offset exactly when the clocks go forward (2026-03-29 02:00 → 03:00)', () => {
    expect(isoFromWallTime('2026-03-29 01:59:59', ROME)).toBe('2026-03-29T01:59:59+01:00');
    expect(isoFromWallTime('2026-03-29 03:00:00', ROME)).toBe('2026-03-29T03:00:00+02:00');
    // 02:30 never happens there: read with the winter offset, it is 03:30 summer time.
    expect(new Date(instantOfWallTime('2026-03-29 02:30:00', ROME)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOfWallTime('2026-03-29 03:00:00', ROME) - instantOfWallTime('2026-03-29 01:59:59', ROME)).toBe(1000);
  });

  it('read the hour that happens twice (2026-10-25 02:00-03:00) as its first occurrence', () => {
    expect(isoFromWallTime('2026-10-25 01:30:00', ROME)).toBe('2026-10-25T01:30:00+02:00');
    expect(isoFromWallTime('2026-10-25 02:30:00', ROME)).toBe('2026-10-25T02:30:00+02:00');
    expect(isoFromWallTime('2026-10-25 03:00:00', ROME)).toBe('2026-10-25T03:00:00+01:00');
    expect(wallTimeIn(Date.parse('2026-10-25T01:30:00Z'), ROME)).toBe('2026-10-25 02:30:00');
  });

  it('round-trip through the instant', () => {
    for (const wall of ['2026-01-15 23:59:59', '2026-03-29 01:59:59', '2026-03-29 03:00:00', '2026-10-25 02:59:59', '2026-10-25 03:00:00']) {
      expect(wallTimeIn(instantOfWallTime(wall, ROME), ROME)).toBe(wall);
    }
  });

  it('other zones and bad input', () => {
    expect(isoFromWallTime('2026-07-01 12:00:00', 'America/New_York')).toBe('2026-07-01T12:00:00-04:00');
    expect(isoFromWallTime('2026-07-01 12:00:00', 'Asia/Kolkata')).toBe('2026-07-01T12:00:00+05:30');
    expect(isoFromWallTime('2026-02-30 12:00:00', ROME)).toBeNull();
    expect(isoFromWallTime('0000-00-00 00:00:00', ROME)).toBeNull();
    expect(isKnownTimeZone('Europe/Rome')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Europe/Roma')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});

describe('the output convention', () => {
  it('writes stored values with an offset', () => {
    expect(isoFromStored('2026-12-01 13:20:08')).toBe('2026-12-01T13:20:08+00:00');
    expect(isoFromStored('2026-11-30T10:00:05.000Z')).toBe('2026-11-30T10:00:05.000+00:00');
    expect(isoFromStored('2026-03-29T03:00:00+02:00')).toBe('2026-03-29T03:00:00+02:00');
    expect(isoFromStored(null)).toBeNull();
    expect(isoFromEpochMs(Date.UTC(2026, 0, 1, 0, 0, 0, 5))).toBe('2026-01-01T00:00:00.005+00:00');
    expect(isoAt(Date.parse('2026-07-01T10:00:00Z'), { timeZone: ROME })).toBe('2026-07-01T12:00:00+02:00');
    expect(hasOffset('2026-07-01T12:00:00+02:00')).toBe(true);
    expect(hasOffset('2026-07-01 12:00:00')).toBe(false);
    // A platform date stored as the shop's wall time (zone unknown here) is not passed off as UTC.
    expect(isoFromPlatformDate('2026-07-01 12:00:00')).toBe('2026-07-01 12:00:00');
    expect(isoFromPlatformDate('2026-07-01T10:00:00.000Z')).toBe('2026-07-01T10:00:00.000+00:00');
    expect(isoFromPlatformDate('2026-07-01T12:00:00+02:00')).toBe('2026-07-01T12:00:00+02:00');
  });
});
