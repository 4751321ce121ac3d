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

  observe(status: ThrottleStatus): void {
    this.status = status;
    this.observedAt = this.clock.now();
  }

  get maximum(): number | null {
    return this.status?.maximumAvailable ?? null;
  }

  available(): number | null {
    if (!this.status) return null;
    const refilled = this.status.currentlyAvailable + (this.status.restoreRate * (this.clock.now() - this.observedAt)) / 1000;
    return Math.min(this.status.maximumAvailable, refilled) - this.reserved;
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
