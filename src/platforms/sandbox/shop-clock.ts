/**
 * The shop's wall clock. PrestaShop stores and filters dates in shop local time without a zone,
 * so the clock keeps "wall milliseconds" (local time read as if it were UTC) and formats them as
 * `YYYY-MM-DD HH:MM:SS`. It follows real time from its start unless frozen, and tests can set or
 * advance it to make incremental `date_upd` filtering deterministic.
 */
export interface ShopClock {
  /** Shop local time, `YYYY-MM-DD HH:MM:SS`. */
  now(): string;
  /** The same instant as wall milliseconds. */
  nowMs(): number;
  /** Jumps to a wall time and freezes there (advance() still moves it). */
  set(time: string): void;
  advance(ms: number): void;
  freeze(): void;
  resume(): void;
}

const SHOP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export function parseShopDate(text: string): number {
  const m = SHOP_DATE.exec(text);
  if (!m) throw new RangeError(`not a shop date (YYYY-MM-DD HH:MM:SS): ${text}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function formatShopDate(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Real "now" as wall time in the shop's zone (Italian shop: Europe/Rome). */
export function wallNowIn(timeZone: string, realMs: number): string {
  // sv-SE formats as `YYYY-MM-DD HH:MM:SS`.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(realMs));
}

export interface ShopClockOptions {
  /** Start time, shop local; default: the real time in `timeZone`. */
  start?: string;
  timeZone?: string;
  frozen?: boolean;
  /** Real-time source, for tests of the clock itself. */
  realNow?: () => number;
}

export function createShopClock(options: ShopClockOptions = {}): ShopClock {
  const realNow = options.realNow ?? Date.now;
  let base = parseShopDate(options.start ?? wallNowIn(options.timeZone ?? 'Europe/Rome', realNow()));
  let realAtBase = realNow();
  let frozen = options.frozen ?? false;
  const nowMs = (): number => (frozen ? base : base + (realNow() - realAtBase));
  return {
    now: () => formatShopDate(nowMs()),
    nowMs,
    set(time) {
      base = parseShopDate(time);
      realAtBase = realNow();
      frozen = true;
    },
    advance(ms) {
      base += ms;
    },
    freeze() {
      base = nowMs();
      frozen = true;
    },
    resume() {
      if (!frozen) return;
      realAtBase = realNow();
      frozen = false;
    },
  };
}
