/**
 * The sandbox shop's clock: `date_modified_gmt` comes from here. Frozen (tests set and advance it)
 * or running from a start instant at wall-clock pace (the CLI sandbox).
 */
export interface WooShopClock {
  now(): number;
  /** Sets the shop's time; a running clock keeps running from there. */
  set(at: number | string): void;
  advance(ms: number): void;
  readonly frozen: boolean;
}

export function createWooShopClock(start: number, frozen: boolean, wallClock: () => number = Date.now): WooShopClock {
  let base = start;
  let wallAtBase = wallClock();
  return {
    frozen,
    now: () => (frozen ? base : base + (wallClock() - wallAtBase)),
    set(at) {
      base = typeof at === 'string' ? Date.parse(at) : at;
      wallAtBase = wallClock();
    },
    advance(ms) {
      base += ms;
    },
  };
}

/** `2026-11-30T10:00:00` (second precision, no zone), as WooCommerce's `_gmt` fields. */
export function toWooGmt(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}
