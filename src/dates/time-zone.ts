/**
 * Wall times in a named IANA time zone, with nothing but Intl: what a platform that stores dates
 * without a zone (PrestaShop: `YYYY-MM-DD HH:MM:SS` in the shop's PS_TIMEZONE) means by one, and
 * back. Formatters are cached per zone: creating an Intl.DateTimeFormat costs far more than using it.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (`Europe/Rome`, `UTC`); a typo or an offset like `+01:00` is not one. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '' || timeZone !== timeZone.trim()) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at `ms`, read as if it were UTC (whole seconds). */
function wallMsAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The zone's offset from UTC at the instant `ms`, in minutes (Europe/Rome: 60 in winter, 120 in summer). */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return Math.round((wallMsAt(wholeSeconds, timeZone) - wholeSeconds) / 60_000);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/** `YYYY-MM-DD[ HH:MM:SS]` read as UTC milliseconds, or NaN. */
export function parseWallTime(text: string): number {
  const m = WALL_TIME.exec(text.trim());
  if (m === null) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2026-02-30 over to March: a date that does not exist is not a date.
  return new Date(ms).getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60 ? ms : Number.NaN;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** UTC milliseconds as `YYYY-MM-DD HH:MM:SS`. */
export function formatWallTime(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The instant `ms` as the zone's wall clock, `YYYY-MM-DD HH:MM:SS` (what PrestaShop filters on). */
export function wallTimeIn(ms: number, timeZone: string): string {
  return formatWallTime(wallMsAt(ms, timeZone));
}

/**
 * The instant a wall time of the zone stands for. A wall time that happens twice (the hour the
 * clocks go back) is its first occurrence, the one that a shop writing it most likely meant no
 * less than the second, and the earlier keeps "updated at or after" from skipping anything; one
 * that never happens (the hour the clocks skip) is read with the offset in force before the jump.
 * NaN when `wall` is not a wall time.
 */
export function instantOfWallTime(wall: string, timeZone: string): number {
  const wallMs = parseWallTime(wall);
  if (Number.isNaN(wallMs)) return Number.NaN;
  const day = 24 * 60 * 60 * 1000;
  const before = offsetMinutesAt(wallMs - day, timeZone);
  const after = offsetMinutesAt(wallMs + day, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallMs - offset * 60_000)
    .filter((ms) => wallMsAt(ms, timeZone) === wallMs)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0] as number;
  // Neither offset of the two days around it, or the skipped hour: the offset in force before it.
  const guess = wallMs - offsetMinutesAt(wallMs, timeZone) * 60_000;
  return wallMsAt(guess, timeZone) === wallMs ? guess : wallMs - before * 60_000;
}
