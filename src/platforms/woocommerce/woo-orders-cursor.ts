import type { NeutralOrder, OrdersWatermark } from '../platform-port.js';

/**
 * Keyset paging over `modified_after`, which WooCommerce compares strictly (>) and to the second.
 * Every request restarts from one second before the last modified second seen, excluding
 * (`exclude=`) the orders of that boundary second already returned: an order changed during the
 * pull moves to the end of the list and is read again there, and no shifted offset ever skips one.
 * The orders of the boundary second are also dropped here by id, should a plugin ignore `exclude`;
 * only then, when a page brought nothing new, the cursor falls back to the next page number.
 */
export interface WooOrdersCursor {
  /** `modified_after` (UTC, `YYYY-MM-DDTHH:MM:SS`), null: from the first order. */
  after: string | null;
  page: number;
  /** The second (ISO, `.000Z`) whose orders in `seen` were already returned. */
  boundary: string | null;
  seen: number[];
}

/** `2026-11-30T10:00:05.000Z` → `2026-11-30T10:00:04` (one second before, as modified_after wants it). */
export function secondBefore(iso: string): string {
  const ms = Math.floor(Date.parse(iso) / 1000) * 1000 - 1000;
  return new Date(ms).toISOString().slice(0, 19);
}

export function firstCursor(since: OrdersWatermark | null): WooOrdersCursor {
  return { after: since === null ? null : secondBefore(since.updatedAt), page: 1, boundary: null, seen: [] };
}

export function encodeCursor(cursor: WooOrdersCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(token: string): WooOrdersCursor | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<WooOrdersCursor>;
    if (typeof value !== 'object' || value === null || typeof value.page !== 'number' || !Array.isArray(value.seen)) return null;
    return { after: typeof value.after === 'string' ? value.after : null, page: value.page, boundary: typeof value.boundary === 'string' ? value.boundary : null, seen: value.seen.filter((n): n is number => typeof n === 'number') };
  } catch {
    return null;
  }
}

function secondOf(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
}

export function compareOrders(a: NeutralOrder, b: NeutralOrder): number {
  return a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.idOrigin - b.idOrigin;
}

/**
 * The orders of one answer still to return (not yet seen at the boundary, ascending) and the
 * cursor of the following request, or null when the shop said this was the last page.
 */
export function advanceCursor(cursor: WooOrdersCursor, raw: NeutralOrder[], morePages: boolean): { orders: NeutralOrder[]; next: WooOrdersCursor | null } {
  const seen = new Set(cursor.seen);
  const sorted = [...raw].sort(compareOrders);
  const fresh = sorted.filter((o) => !(cursor.boundary !== null && secondOf(o.updatedAt) === cursor.boundary && seen.has(o.idOrigin)));
  if (!morePages || sorted.length === 0) return { orders: fresh, next: null };
  if (fresh.length === 0) {
    // The shop ignored `exclude` and the page held only orders already returned: page on.
    return { orders: fresh, next: { ...cursor, page: cursor.page + 1 } };
  }
  const lastSecond = secondOf(sorted[sorted.length - 1]!.updatedAt);
  const atLast = sorted.filter((o) => secondOf(o.updatedAt) === lastSecond).map((o) => o.idOrigin);
  const carried = cursor.boundary === lastSecond ? cursor.seen : [];
  return { orders: fresh, next: { after: secondBefore(lastSecond), page: 1, boundary: lastSecond, seen: [...new Set([...carried, ...atLast])] } };
}
