import type { BenchOptions, ResultRow, Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild } from '../child-runner.js';
import { describeFailure, unavailableRow } from '../scenario-helpers.js';
import { formatNumber, formatRatio, median, samples } from '../stats.js';
import type { BulkTiming } from '../tasks/bulk-task-setup.js';

const TARGET_RATE = 20_000;
const TARGET_RSS_MB = 250;

interface Sample {
  rate: number;
  /** Orders per CPU second: less sensitive than wall time to a busy machine. */
  cpuRate: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

async function measure(task: string, count: number, options: BenchOptions): Promise<Sample> {
  const { value, peakRssMb } = await runInChild<BulkTiming>(task, { count }, { cpuProfDir: options.cpuProfDir });
  return { rate: (value.count / value.ms) * 1000, cpuRate: (value.count / value.cpuMs) * 1000, peakRssMb, rssBeforeMb: value.rssBeforeMb };
}

/** Bulk status change without triggers: orders/s and peak RSS against one transaction + one event per order. */
export const bulkLocalScenario: Scenario = {
  name: 'bulk-local',
  async run(options): Promise<ScenarioOutcome> {
    const sizes = options.smoke ? [500] : [10_000, 100_000];
    const rows: ResultRow[] = [];
    const notes: string[] = [];
    for (const count of sizes) {
      const label = `bulk status change, local only, ${formatNumber(count)} orders`;
      const current: Sample[] = [];
      const legacy: Sample[] = [];
      let failure: unknown = null;
      // The reference is 20-40 times slower: at 100,000 orders one run of it (minutes) is enough to
      // place the ratio; the figure being judged gets every run.
      const legacyRuns = count >= 100_000 ? 1 : options.runs;
      for (let run = 0; run < options.runs; run++) {
        options.log(`${label}: run ${run + 1}/${options.runs}`);
        if (run < legacyRuns) legacy.push(await measure('bulk-legacy', count, options));
        if (failure === null) {
          try {
            current.push(await measure('bulk-current', count, options));
          } catch (error) {
            failure = error;
          }
        }
      }
      const legacyRate = median(legacy.map((s) => s.rate));
      const legacyRss = median(legacy.map((s) => s.peakRssMb));
      const reference = `${formatNumber(legacyRate)} orders/s (one transaction + one event per order)`;
      if (failure !== null || current.length === 0) {
        rows.push(unavailableRow(`${label}: speed`, `≥ ${formatNumber(TARGET_RATE)} orders/s`, failure, reference));
        notes.push(`${label}: the bulk path failed: ${describeFailure(failure)}. Reference samples: ${samples(legacy.map((s) => s.rate))} orders/s.`);
        continue;
      }
      const rate = median(current.map((s) => s.rate));
      const rss = median(current.map((s) => s.peakRssMb));
      rows.push({
        scenario: `${label}: speed`,
        figure: `${formatNumber(rate)} orders/s`,
        reference,
        ratio: formatRatio(rate, legacyRate),
        target: `≥ ${formatNumber(TARGET_RATE)} orders/s`,
        met: rate >= TARGET_RATE,
      });
      const rssTargeted = count >= 100_000;
      rows.push({
        scenario: `${label}: peak RSS`,
        figure: `${formatNumber(rss)} MB`,
        reference: `${formatNumber(legacyRss)} MB (reference design)`,
        ratio: formatRatio(rss, legacyRss),
        target: rssTargeted ? `≤ ${TARGET_RSS_MB} MB` : '— (target at 100,000)',
        met: rssTargeted ? rss <= TARGET_RSS_MB : null,
      });
      notes.push(
        `${label}: bulk samples ${samples(current.map((s) => s.rate))} orders/s (${samples(current.map((s) => s.cpuRate))} orders per CPU second), peak RSS ${samples(current.map((s) => s.peakRssMb))} MB ` +
          `(RSS before the call ${samples(current.map((s) => s.rssBeforeMb))} MB); reference samples ${samples(legacy.map((s) => s.rate))} orders/s (${samples(legacy.map((s) => s.cpuRate))} per CPU second), ` +
          `peak RSS ${samples(legacy.map((s) => s.peakRssMb))} MB.`,
      );
    }
    return { rows, notes };
  },
};
