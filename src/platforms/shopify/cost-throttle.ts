import type { ShopifyClock } from './shopify-clock.js';

/** `extensions.cost.throttleStatus` of an answer. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * The client's picture of the shop's cost bucket, from the last answer's throttleStatus refilled
 * at restoreRate since. A request waits until the bucket holds its cost instead of being sent to
 * be throttled; concurrent requests reserve their cost so they do not all go at once.
 */
export class CostBucket {
  private status: ThrottleStatus | null = null;
  private observedAt = 0;
  private reserved = 0;

  constructor(private readonly clock: ShopifyClock) {}

  /**
   * Answers of concurrent requests may arrive out of order: an older answer's status does not yet
   * count a request the shop executed after it. The lower of the new status and the current
   * picture (both refilled to now) is kept, so the picture never runs ahead of the shop.
   */
  observe(status: ThrottleStatus): void {
    const now = this.clock.now();
    const projected = this.projected(now);
    const sameBucket = this.status !== null && this.status.maximumAvailable === status.maximumAvailable && this.status.restoreRate === status.restoreRate;
    this.status = sameBucket && projected !== null && projected < status.currentlyAvailable ? { ...status, currentlyAvailable: projected } : status;
    this.observedAt = now;
  }

  private projected(now: number): number | null {
    if (!this.status) return null;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + (this.status.restoreRate * (now - this.observedAt)) / 1000);
  }

  get maximum(): number | null {
    return this.status?.maximumAvailable ?? null;
  }

  available(): number | null {
    const projected = this.projected(this.clock.now());
    return projected === null ? null : projected - this.reserved;
  }

  /** Milliseconds until `cost` points are there (0: send now). Unknown bucket: 0. */
  waitFor(cost: number): number {
    const available = this.available();
    if (available === null || this.status === null || available >= cost) return 0;
    if (this.status.restoreRate <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(((cost - available) / this.status.restoreRate) * 1000);
  }

  reserve(cost: number): () => void {
    this.reserved += cost;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reserved -= cost;
    };
  }
}

/** The wait after a THROTTLED answer: until the bucket holds the requested cost again. */
export function throttledWaitMs(status: ThrottleStatus | null, requestedCost: number): number {
  if (!status || status.restoreRate <= 0) return 1000;
  const missing = Math.max(0, Math.min(requestedCost, status.maximumAvailable) - status.currentlyAvailable);
  return Math.max(50, Math.ceil((missing / status.restoreRate) * 1000));
}
