import type { Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, formatRatio, median, samples } from '../stats.js';
import type { BulkTriggersResult } from '../tasks/bulk-triggers-task.js';

const LATENCY_MS = 20;
const TARGET_RATIO = 1.2;

/** Bulk change with a trigger on every order, against the platform's own limit: N × latency ÷ concurrency. */
export const bulkTriggersScenario: Scenario = {
  name: 'bulk-triggers',
  async run(options): Promise<ScenarioOutcome> {
    const count = options.smoke ? 40 : 2000;
    const label = `bulk status change with triggers, ${formatNumber(count)} orders, sandbox +${LATENCY_MS} ms per request`;
    const results: BulkTriggersResult[] = [];
    try {
      for (let run = 0; run < options.runs; run++) {
        options.log(`${label}: run ${run + 1}/${options.runs}`);
        results.push((await runInChild<BulkTriggersResult>('bulk-triggers', { count, latencyMs: LATENCY_MS }, { cpuProfDir: options.cpuProfDir })).value);
      }
    } catch (error) {
      return {
        rows: [unavailableRow(`${label}: wall time`, `≤ ${TARGET_RATIO}× the limit`, error), unavailableRow(`${label}: platform requests per order`, '1.0', error)],
        notes: [],
      };
    }
    const first = results[0] as BulkTriggersResult;
    const limitMs = (count * LATENCY_MS) / first.concurrency;
    const ms = median(results.map((r) => r.ms));
    const perOrder = median(results.map((r) => r.posts / r.count));
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
          scenario: `${label}: platform requests per order`,
          figure: perOrder.toFixed(2),
          reference: '—',
          ratio: '—',
          target: '1.0 (order_histories POSTs ÷ N)',
          met: Math.abs(perOrder - 1) < 1e-9 && results.every((r) => r.jobsDone === r.count),
        },
      ],
      notes: [
        `wall time samples ${samples(results.map((r) => r.ms))} ms; jobs done ${samples(results.map((r) => r.jobsDone))} of ${count}; ` +
          `most requests in flight at once ≈ ${samples(results.map((r) => r.maxInFlight))}.`,
        `requests of the first run: ${Object.entries(first.byPath).map(([path, n]) => `${path} × ${n}`).join(', ')}.`,
      ],
    };
  },
};
