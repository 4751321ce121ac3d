import { startShopifySandbox } from '../../src/platforms/shopify-sandbox/index.js';
import type { Task } from '../child-protocol.js';

export interface ShopifySandboxInfo {
  url: string;
  accessToken: string;
  /** Orders neither closed nor cancelled (orderClose applies to them), ascending. */
  openOrderIds: number[];
}

export interface ShopifyTraffic {
  /** GraphQL requests by root field (`orderClose`, `order`…). */
  byField: Record<string, number>;
  requests: number;
  /** Answers THROTTLED by the cost bucket (nothing executed). */
  throttled: number;
  /** Requested cost of the requests that were executed (not throttled): what the bucket had to give. */
  executedCost: number;
  mutations: number;
  /** Orders the shop holds closed at the end, among the open ones handed out. */
  closedAfter: number;
  cpuMs: number;
}

/**
 * The Shopify sandbox in a process of its own, with a small cost bucket (Shopify's leaky bucket:
 * `maximum` points, `restoreRate` points per second, on the real clock).
 */
export const shopifySandboxTask: Task = async (args, control) => {
  const sandbox = await startShopifySandbox({ orders: Number(args.orders), bucket: { maximum: Number(args.bucket), restoreRate: Number(args.restoreRate) } });
  const cpuBefore = process.cpuUsage();
  try {
    const open = [...sandbox.store.orders.values()].filter((o) => o.closedAt === null && o.cancelledAt === null).map((o) => o.id).sort((a, b) => a - b);
    control.ready({ url: sandbox.url, accessToken: sandbox.accessToken ?? '', openOrderIds: open } satisfies ShopifySandboxInfo);
    await control.stopped;
    const byField: Record<string, number> = {};
    for (const r of sandbox.requests) byField[r.field ?? '?'] = (byField[r.field ?? '?'] ?? 0) + 1;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      byField,
      requests: sandbox.requests.length,
      throttled: sandbox.requests.filter((r) => r.throttled).length,
      executedCost: sandbox.requests.filter((r) => !r.throttled).reduce((sum, r) => sum + (r.cost ?? 0), 0),
      mutations: sandbox.mutations.length,
      closedAfter: open.filter((id) => sandbox.store.orders.get(id)?.closedAt !== null).length,
      cpuMs: (cpu.user + cpu.system) / 1000,
    } satisfies ShopifyTraffic;
  } finally {
    await sandbox.close();
  }
};
