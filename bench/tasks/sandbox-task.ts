import { startSandbox } from '../../src/platforms/sandbox/index.js';
import type { Task } from '../child-protocol.js';

export interface SandboxInfo {
  url: string;
  apiKey: string;
  /** The shop's order ids, ascending. */
  orderIds: number[];
}

export interface SandboxTraffic {
  /** Requests by `METHOD /path`. */
  byPath: Record<string, number>;
  /** Arrival times (epoch ms) of the POSTs to /api/order_histories. */
  postArrivals: number[];
  /** CPU time of the sandbox process while it served (XML, routing, the shop), ms. */
  cpuMs: number;
  requests: number;
}

/**
 * The sandbox shop in a process of its own, as a real platform would be: its CPU (XML, routing)
 * is not charged to the ecom-sync process being measured.
 */
export const sandboxTask: Task = async (args, control) => {
  const sandbox = await startSandbox({ orders: Number(args.orders), latencyMs: Number(args.latencyMs ?? 0) });
  const cpuBefore = process.cpuUsage();
  try {
    control.ready({ url: sandbox.url, apiKey: sandbox.apiKey, orderIds: [...sandbox.shop.orders.keys()].sort((a, b) => a - b) } satisfies SandboxInfo);
    await control.stopped;
    const byPath: Record<string, number> = {};
    for (const request of sandbox.requests) byPath[`${request.method} ${request.path}`] = (byPath[`${request.method} ${request.path}`] ?? 0) + 1;
    const postArrivals = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/order_histories').map((r) => r.at);
    const cpu = process.cpuUsage(cpuBefore);
    return { byPath, postArrivals, cpuMs: (cpu.user + cpu.system) / 1000, requests: sandbox.requests.length } satisfies SandboxTraffic;
  } finally {
    await sandbox.close();
  }
};
