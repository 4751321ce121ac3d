import autocannon from 'autocannon';
import type { ResultRow, Scenario, ScenarioOutcome } from '../bench-types.js';
import { startChild } from '../child-runner.js';
import { processCpuMs } from '../process-cpu.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, median, samples } from '../stats.js';
import { CONSTANT_ROUTE } from '../tasks/http-server-task.js';

interface Load {
  rps: number;
  p99: number;
  /** CPU the server process spent per answered request, µs: steadier than req/s on a busy machine. */
  cpuUsPerRequest: number;
}

const endpoints = [
  { label: 'GET /api/v1/orders?limit=20', path: '/api/v1/orders?limit=20', targetRatio: 0.5 },
  { label: 'GET /api/v1/init', path: '/api/v1/init', targetRatio: 0.8 },
];

async function load(port: number, pid: number, path: string, seconds: number): Promise<Load> {
  const cpuBefore = await processCpuMs(pid);
  const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 10, duration: seconds });
  const cpuMs = (await processCpuMs(pid)) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0 || result['2xx'] === 0) {
    throw new Error(`${path}: ${result['2xx']} answers 2xx, ${result.non2xx} not 2xx, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p99: result.latency.p99, cpuUsPerRequest: (cpuMs * 1000) / Math.max(1, result.requests.total) };
}

/**
 * The daemon's busiest reads under load (autocannon, 10 connections) against a bare route of the same
 * fastify instance: the ratio is what the route's own work costs. The server runs in its own process
 * so the load generator does not share its event loop.
 */
export const httpApiScenario: Scenario = {
  name: 'http-api',
  async run(options): Promise<ScenarioOutcome> {
    const seconds = options.smoke ? 1 : 5;
    const orders = options.smoke ? 200 : 10_000;
    let server;
    try {
      server = await startChild<{ port: number }>('http-server', { orders }, { cpuProfDir: options.cpuProfDir });
    } catch (error) {
      return { rows: endpoints.map((e) => unavailableRow(`${e.label}: requests/s`, `≥ ${e.targetRatio}× the bare route`, error)), notes: [] };
    }
    const rows: ResultRow[] = [];
    const notes: string[] = [];
    try {
      const { port } = server.info;
      const pid = server.pid;
      await load(port, pid, CONSTANT_ROUTE, 1); // warm-up: JIT, connection pool, init cache
      for (const endpoint of endpoints) await load(port, pid, endpoint.path, 1).catch(() => undefined);
      const constant: Load[] = [];
      const measured = new Map<string, Load[]>(endpoints.map((e) => [e.label, []]));
      const failures = new Map<string, unknown>();
      for (let run = 0; run < options.runs; run++) {
        options.log(`http api: run ${run + 1}/${options.runs}`);
        constant.push(await load(port, pid, CONSTANT_ROUTE, seconds));
        for (const endpoint of endpoints) {
          if (failures.has(endpoint.label)) continue;
          try {
            measured.get(endpoint.label)?.push(await load(port, pid, endpoint.path, seconds));
          } catch (error) {
            failures.set(endpoint.label, error);
          }
        }
      }
      const refRps = median(constant.map((l) => l.rps));
      const refP99 = median(constant.map((l) => l.p99));
      const reference = `${formatNumber(refRps)} req/s, p99 ${formatNumber(refP99)} ms (bare route)`;
      for (const endpoint of endpoints) {
        const label = `${endpoint.label}: requests/s (p99)`;
        const target = `≥ ${endpoint.targetRatio}× the bare route`;
        const loads = measured.get(endpoint.label) ?? [];
        if (failures.has(endpoint.label) || loads.length === 0) {
          rows.push(unavailableRow(label, target, failures.get(endpoint.label), reference));
          continue;
        }
        const rps = median(loads.map((l) => l.rps));
        const p99 = median(loads.map((l) => l.p99));
        // Each load is paired with the bare-route load just before it: the median of those ratios
        // is steadier than a ratio of medians when the machine's speed drifts between runs.
        const ratios = loads.map((l, i) => l.rps / (constant[i] as Load).rps);
        const ratio = median(ratios);
        rows.push({
          scenario: label,
          figure: `${formatNumber(rps)} req/s, p99 ${formatNumber(p99)} ms`,
          reference,
          ratio: `${ratio.toFixed(2)}×`,
          target,
          met: ratio >= endpoint.targetRatio,
        });
        notes.push(`${endpoint.label}: ${samples(loads.map((l) => l.rps))} req/s; p99 ${samples(loads.map((l) => l.p99))} ms; ratio to the bare route run just before: ${samples(ratios, 2)}; ` +
          `server CPU ${samples(loads.map((l) => l.cpuUsPerRequest))} µs per request (bare route: ${samples(constant.map((l) => l.cpuUsPerRequest))} µs; ` +
          `CPU ratio ${(median(constant.map((l) => l.cpuUsPerRequest)) / median(loads.map((l) => l.cpuUsPerRequest))).toFixed(2)}×).`);
      }
      notes.push(
        `bare route ${CONSTANT_ROUTE}: ${samples(constant.map((l) => l.rps))} req/s; p99 ${samples(constant.map((l) => l.p99))} ms. ` +
          `${seconds} s per load, 10 connections, ${formatNumber(orders)} orders in the database; the server logs JSON lines at info (request logging on) to a discarding stream.`,
      );
      return { rows, notes };
    } finally {
      await server.stop().catch(() => undefined);
    }
  },
};
