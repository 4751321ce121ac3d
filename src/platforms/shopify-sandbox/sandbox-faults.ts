/**
 * Scripted failures, matched by the operation's first root field (`orderClose`, `orders`…) or any:
 * - `applyThen500`: the change is made, then HTTP 500 (the in-doubt case);
 * - `applyThenDrop`: the change is made, then the socket is destroyed;
 * - `drop`: the socket is destroyed before anything happens;
 * - `http500` / `http503`: an error before anything happens;
 * - `throttled`: the bucket is drained, so the request is THROTTLED (nothing executed);
 * - `unauthorized`: HTTP 401 as for a revoked token.
 */
export type ShopifyFaultKind = 'applyThen500' | 'applyThenDrop' | 'drop' | 'http500' | 'http503' | 'throttled' | 'unauthorized';

export interface ShopifyArmedFault {
  kind: ShopifyFaultKind;
  /** Root field name; undefined: any GraphQL request. */
  field?: string;
  times: number;
}

export class ShopifySandboxFaults {
  private readonly armed: ShopifyArmedFault[] = [];

  failNext(kind: ShopifyFaultKind, options: { field?: string; times?: number } = {}): void {
    this.armed.push({ kind, ...(options.field === undefined ? {} : { field: options.field }), times: options.times ?? 1 });
  }

  clear(): void {
    this.armed.length = 0;
  }

  get pending(): number {
    return this.armed.reduce((sum, f) => sum + f.times, 0);
  }

  /** The fault for this request, used up; undefined when none matches. */
  take(field: string | null): ShopifyFaultKind | undefined {
    const index = this.armed.findIndex((f) => f.field === undefined || f.field === field);
    if (index === -1) return undefined;
    const fault = this.armed[index]!;
    fault.times -= 1;
    if (fault.times <= 0) this.armed.splice(index, 1);
    return fault.kind;
  }
}
