import { formatWallTime, instantOfWallTime, offsetMinutesAt, parseWallTime } from './time-zone.js';

/**
 * The one way ecom-sync writes a date in JSON (CLI `--json`, REST, admin API): ISO 8601 with a
 * numeric offset, `2026-03-29T03:30:00+02:00`; UTC is `+00:00`. Fractional seconds appear only
 * where the value has them (epoch-millisecond columns: `.sss`). Database DATETIME columns hold
 * UTC `YYYY-MM-DD HH:MM:SS` on every dialect (src/db/database-types.ts).
 */
export function offsetSuffix(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The instant `ms` in `timeZone` (default UTC) as ISO 8601 with its offset. */
export function isoAt(ms: number, options: { timeZone?: string; millis?: boolean } = {}): string {
  const offset = options.timeZone === undefined || options.timeZone === 'UTC' ? 0 : offsetMinutesAt(ms, options.timeZone);
  const local = ms + offset * 60_000;
  const fraction = options.millis ? `.${String(((local % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  return `${formatWallTime(local).replace(' ', 'T')}${fraction}${offsetSuffix(offset)}`;
}

/** An epoch-millisecond column (sync jobs, leases, webhook inbox) for output. */
export function isoFromEpochMs(ms: number): string;
export function isoFromEpochMs(ms: number | null): string | null;
export function isoFromEpochMs(ms: number | null): string | null {
  return ms === null ? null : isoAt(Number(ms), { millis: true });
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether `text` is ISO 8601 with a date, a time and an offset (`Z` or `±HH:MM`). */
export function hasOffset(text: string): boolean {
  return WITH_OFFSET.test(text);
}

/**
 * A stored date for output: a DATETIME column (UTC `YYYY-MM-DD HH:MM:SS`) becomes `…+00:00`; an
 * ISO value that already has an offset keeps it (a platform's own date, e.g. `platform_date_upd`
 * of a PrestaShop order in the shop's zone), `Z` written `+00:00`. Anything else is returned as is.
 */
export function isoFromStored(value: string): string;
export function isoFromStored(value: string | null): string | null;
export function isoFromStored(value: string | null): string | null {
  if (value === null) return null;
  const text = String(value);
  if (hasOffset(text)) return text.endsWith('Z') ? `${text.slice(0, -1)}+00:00` : text;
  const ms = parseWallTime(text);
  if (Number.isNaN(ms) || text.startsWith('0000')) return text;
  return `${formatWallTime(ms).replace(' ', 'T')}+00:00`;
}

/**
 * A platform's own date for output (orders.platform_date_upd, a PrestaShop watermark): written
 * `+00:00` for `Z`, kept when it has another offset. A bare `YYYY-MM-DD HH:MM:SS` was stored by
 * versions that kept the shop's wall time: its zone is not known here, so it is returned as is
 * (the next pull that touches it rewrites it with its offset).
 */
export function isoFromPlatformDate(value: string | null): string | null {
  if (value === null) return null;
  return hasOffset(value) ? isoFromStored(value) : value;
}

/** A wall time of `timeZone` (PrestaShop's date_add / date_upd) as ISO 8601 with that zone's offset then. */
export function isoFromWallTime(wall: string, timeZone: string): string | null {
  const ms = instantOfWallTime(wall, timeZone);
  return Number.isNaN(ms) ? null : isoAt(ms, { timeZone });
}
