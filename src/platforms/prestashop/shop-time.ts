import { ValidationError } from '../../errors.js';

const SHOP_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The shop-local time one second before `time` (`YYYY-MM-DD HH:MM:SS`, or a date meaning midnight).
 * PrestaShop's `filter[date_upd]=>[x]` is strictly greater and dates have whole seconds, so
 * `>[time - 1 s]` selects "updated at or after `time`": an order updated in the same second as the
 * last one seen is not skipped. Wall-clock arithmetic on purpose: the shop's time zone is unknown.
 */
export function oneSecondBefore(time: string): string {
  const match = SHOP_TIME.exec(time.trim());
  if (match === null) {
    throw new ValidationError('PLATFORM_TIME_INVALID', `"${time}" is not a shop time (expected YYYY-MM-DD HH:MM:SS)`);
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const instant = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - 1000);
  if (Number.isNaN(instant.getTime())) {
    throw new ValidationError('PLATFORM_TIME_INVALID', `"${time}" is not a shop time (expected YYYY-MM-DD HH:MM:SS)`);
  }
  return `${pad(instant.getUTCFullYear(), 4)}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())} ${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}`;
}
