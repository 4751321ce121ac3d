import { startWooSandbox } from '../../src/platforms/woocommerce-sandbox/index.js';
import type { Task } from '../child-protocol.js';

export interface WooSandboxInfo {
  url: string;
  /** Orders not yet `completed`, ascending. */
  pushableOrderIds: number[];
}

export interface WooTraffic {
  /** Requests by `METHOD route` (`PUT /wc/v3/orders/{id}` counted together). */
  byRoute: Record<string, number>;
  requests: number;
  puts: number;
  /** Status changes the shop recorded (notes "Order status changed…"). */
  statusChanges: number;
  /** Arrival times (epoch ms) of the PUTs. */
  putArrivals: number[];
  cpuMs: number;
}

/** The WooCommerce sandbox in a process of its own, adding `latencyMs` to every request. */
export const wooSandboxTask: Task = async (args, control) => {
  const sandbox = await startWooSandbox({ orders: Number(args.orders), latencyMs: Number(args.latencyMs ?? 0), seed: 3 });
  const cpuBefore = process.cpuUsage();
  try {
    const pushable = [...sandbox.shop.orders.values()].filter((o) => o.status !== 'completed').map((o) => o.id).sort((a, b) => a - b);
    control.ready({ url: sandbox.url, pushableOrderIds: pushable } satisfies WooSandboxInfo);
    await control.stopped;
    const byRoute: Record<string, number> = {};
    for (const r of sandbox.requests) {
      const key = `${r.method} ${r.route.replace(/\/orders\/\d+$/, '/orders/{id}')}`;
      byRoute[key] = (byRoute[key] ?? 0) + 1;
    }
    const puts = sandbox.requests.filter((r) => r.method === 'PUT');
    const cpu = process.cpuUsage(cpuBefore);
    return {
      byRoute,
      requests: sandbox.requests.length,
      puts: puts.length,
      statusChanges: sandbox.shop.notes.filter((n) => n.note.startsWith('Order status changed')).length,
      putArrivals: puts.map((r) => r.at),
      cpuMs: (cpu.user + cpu.system) / 1000,
    } satisfies WooTraffic;
  } finally {
    await sandbox.close();
  }
};
