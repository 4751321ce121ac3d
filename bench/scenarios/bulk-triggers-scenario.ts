import type { Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild, startChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, formatRatio, median, samples } from '../stats.js';
import { PLATFORM_STATE, type BulkTriggersResult } from '../tasks/bulk-triggers-task.js';
import type { PushOnlyResult } from '../tasks/push-only-task.js';
import type { SandboxInfo, SandboxTraffic } from '../tasks/sandbox-task.js';

const LATENCY_MS = 20;
const TARGET_RATIO = 1.2;

interface Run extends BulkTriggersResult {
  posts: number;
  traffic: SandboxTraffic;
  /** The same pushes through the client alone, to a fresh sandbox. */
  pushOnly: PushOnlyResult;
}

/** Requests arriving within one latency window of each other: the concurrency the platform saw. */
export function maxInFlight(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Runs a task against a fresh sandbox child; returns the task's value and the sandbox's traffic. */
async function withSandbox<T>(count: number, task: string, args: Record<string, unknown>, cpuProfDir: string | null): Promise<{ value: T; traffic: SandboxTraffic }> {
  const sandbox = await startChild<SandboxInfo>('sandbox', { orders: count, latencyMs: LATENCY_MS });
  const { url, apiKey, orderIds } = sandbox.info;
  const measured = await runInChild<T>(task, { ...args, count, url, apiKey, origins: orderIds }, { cpuProfDir }).then(
    (outcome) => ({ ok: true as const, value: outcome.value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const traffic = (await sandbox.stop<SandboxTraffic>()).value;
  if (!measured.ok) throw measured.error;
  return { value: measured.value, traffic };
}

async function measureOnce(count: number, cpuProfDir: string | null): Promise<Run> {
  const bulk = await withSandbox<BulkTriggersResult>(count, 'bulk-triggers', {}, cpuProfDir);
  const pushOnly = await withSandbox<PushOnlyResult>(count, 'push-only', { platformState: PLATFORM_STATE }, null);
  return { ...bulk.value, traffic: bulk.traffic, posts: bulk.traffic.byPath['POST /api/order_histories'] ?? 0, pushOnly: pushOnly.value };
}

/** Bulk change with a trigger on every order, against the platform's own limit: N × latency ÷ concurrency. */
export const bulkTriggersScenario: Scenario = {
  name: 'bulk-triggers',
  async run(options): Promise<ScenarioOutcome> {
    const count = options.smoke ? 40 : 2000;
    const label = `bulk status change with triggers, ${formatNumber(count)} orders, sandbox +${LATENCY_MS} ms per request`;
    const runs: Run[] = [];
    try {
      for (let run = 0; run < options.runs; run++) {
        options.log(`${label}: run ${run + 1}/${options.runs}`);
        runs.push(await measureOnce(count, options.cpuProfDir));
      }
    } catch (error) {
      return {
        rows: [unavailableRow(`${label}: wall time`, `≤ ${TARGET_RATIO}× the limit`, error), unavailableRow(`${label}: platform requests per order`, '1.0', error)],
        notes: [],
      };
    }
    const first = runs[0] as Run;
    const limitMs = (count * LATENCY_MS) / first.concurrency;
    const ms = median(runs.map((r) => r.ms));
    const perOrder = median(runs.map((r) => r.posts / r.count));
    const pushOnlyMs = median(runs.map((r) => r.pushOnly.ms));
    return {
      rows: [
        {
          scenario: `${label}: wall time`,
          figure: `${formatNumber(ms)} ms`,
          reference: `${formatNumber(limitMs)} ms (N × ${LATENCY_MS} ms ÷ concurrency ${first.concurrency})`,
          ratio: formatRatio(ms, limitMs),
          target: `≤ ${TARGET_RATIO}×`,
          met: ms <= TARGET_RATIO * limitMs,
        },
        {
          scenario: `${label}: the same pushes alone (client, no database)`,
          figure: `${formatNumber(pushOnlyMs)} ms`,
          reference: `${formatNumber(limitMs)} ms (the limit)`,
          ratio: formatRatio(pushOnlyMs, limitMs),
          target: '— (what the sandbox allows on this machine)',
          met: null,
        },
        {
          scenario: `${label}: platform requests per order`,
          figure: perOrder.toFixed(2),
          reference: '—',
          ratio: '—',
          target: '1.0 (order_histories POSTs ÷ N)',
          met: Math.abs(perOrder - 1) < 1e-9 && runs.every((r) => r.jobsDone === r.count),
        },
      ],
      notes: [
        `wall time samples ${samples(runs.map((r) => r.ms))} ms (local changes and delivery); CPU time of the ecom-sync process ` +
          `${samples(runs.map((r) => r.cpuMs))} ms (${samples(runs.map((r) => r.cpuMs / r.count), 2)} ms per order); jobs done ${samples(runs.map((r) => r.jobsDone))} of ${count}; ` +
          `most POSTs in flight at once ≈ ${samples(runs.map((r) => maxInFlight(r.traffic.postArrivals, LATENCY_MS)))}. The sandbox runs in a process of its own ` +
          `(its CPU: ${samples(runs.map((r) => r.traffic.cpuMs / Math.max(1, r.traffic.requests)), 2)} ms per request).`,
        `the same ${count} pushes through the PrestaShop client alone (4 at a time, no database): ${samples(runs.map((r) => r.pushOnly.ms))} ms, ` +
          `CPU ${samples(runs.map((r) => r.pushOnly.cpuMs / r.pushOnly.count), 2)} ms per push; ecom-sync's own work per order is the difference.`,
        `requests of the first run: ${Object.entries(first.traffic.byPath).map(([path, n]) => `${path} × ${n}`).join(', ')}.`,
      ],
    };
  },
};
