import type { Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild, startChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, formatRatio, median, samples } from '../stats.js';
import type { PlatformBulkResult } from '../tasks/platform-bulk-task.js';
import type { ShopifySandboxInfo, ShopifyTraffic } from '../tasks/shopify-sandbox-task.js';

const BUCKET = 100;
/** Points per second: Shopify's standard restore rate. */
const RESTORE_RATE = 100;
const TARGET_RATIO = 1.2;

interface Run extends PlatformBulkResult {
  traffic: ShopifyTraffic;
}

async function measureOnce(count: number, cpuProfDir: string | null): Promise<Run> {
  // Three of every eight seeded orders are closed or cancelled already: seed enough open ones.
  const sandbox = await startChild<ShopifySandboxInfo>('shopify-sandbox', { orders: Math.ceil((count * 8) / 5) + 8, bucket: BUCKET, restoreRate: RESTORE_RATE });
  const measured = await runInChild<PlatformBulkResult>('platform-bulk', {
    platform: 'shopify', count, url: sandbox.info.url, accessToken: sandbox.info.accessToken, origins: sandbox.info.openOrderIds,
  }, { cpuProfDir }).then((outcome) => ({ ok: true as const, value: outcome.value }), (error: unknown) => ({ ok: false as const, error }));
  const traffic = (await sandbox.stop<ShopifyTraffic>()).value;
  if (!measured.ok) throw measured.error;
  return { ...measured.value, traffic };
}

/**
 * Bulk change of N orders with a trigger to Shopify's `closed` (one orderClose each) against a
 * 100-point bucket restoring 100 points/s: the bucket, not the network, sets the pace. The limit is
 * the bucket's own: (points the executed requests cost − the full bucket at the start) ÷ restore rate.
 */
export const shopifyBulkScenario: Scenario = {
  name: 'shopify-bulk',
  async run(options): Promise<ScenarioOutcome> {
    const count = options.smoke ? 30 : 500;
    const label = `Shopify: bulk status change with a trigger (closed → orderClose), ${formatNumber(count)} orders, bucket ${BUCKET} points restoring ${RESTORE_RATE}/s`;
    const runs: Run[] = [];
    try {
      for (let run = 0; run < options.runs; run++) {
        options.log(`${label}: run ${run + 1}/${options.runs}`);
        runs.push(await measureOnce(count, options.cpuProfDir));
      }
    } catch (error) {
      return {
        rows: [unavailableRow(`${label}: wall time`, `≤ ${TARGET_RATIO}× the bucket's limit`, error), unavailableRow(`${label}: GraphQL requests per order`, '1.0', error)],
        notes: [],
      };
    }
    const limitMs = (r: Run) => (Math.max(0, r.traffic.executedCost - BUCKET) / RESTORE_RATE) * 1000;
    const ms = median(runs.map((r) => r.ms));
    const limit = median(runs.map(limitMs));
    const perOrder = median(runs.map((r) => r.traffic.requests / r.count));
    const throttled = median(runs.map((r) => r.traffic.throttled));
    const first = runs[0] as Run;
    const allDone = runs.every((r) => r.jobsDone === r.count && r.traffic.closedAfter === r.count && r.traffic.mutations === r.count);
    return {
      rows: [
        {
          scenario: `${label}: wall time`,
          figure: `${formatNumber(ms)} ms`,
          reference: `${formatNumber(limit)} ms ((cost ${formatNumber(first.traffic.executedCost)} − ${BUCKET}) ÷ ${RESTORE_RATE}/s)`,
          ratio: formatRatio(ms, limit),
          target: `≤ ${TARGET_RATIO}×`,
          met: ms <= TARGET_RATIO * limit,
        },
        {
          scenario: `${label}: GraphQL requests per order`,
          figure: `${perOrder.toFixed(2)} (THROTTLED answers: ${formatNumber(throttled)})`,
          reference: '—',
          ratio: '—',
          target: '1.0 (one orderClose each, no THROTTLED storm)',
          met: Math.abs(perOrder - 1) < 0.02 && allDone,
        },
      ],
      notes: [
        `wall time samples ${samples(runs.map((r) => r.ms))} ms (the bulk call alone ${samples(runs.map((r) => r.bulkMs))} ms, then ${samples(runs.map((r) => r.extraPasses))} \`sync run\` passes for the jobs it left pending); ` +
          `the bucket's limit ${samples(runs.map(limitMs))} ms; CPU of the ecom-sync process ${samples(runs.map((r) => r.cpuMs / r.count), 2)} ms per order; concurrency per store ${first.concurrency}.`,
        `requests ${samples(runs.map((r) => r.traffic.requests))}, THROTTLED ${samples(runs.map((r) => r.traffic.throttled))}, mutations ${samples(runs.map((r) => r.traffic.mutations))}, orders closed on the shop ${samples(runs.map((r) => r.traffic.closedAfter))} of ${count}, jobs done ${samples(runs.map((r) => r.jobsDone))}, failed ${samples(runs.map((r) => r.jobsFailed))}; ` +
          `by field (first run): ${Object.entries(first.traffic.byField).map(([field, n]) => `${field} × ${n}`).join(', ')}. Sandbox CPU ${samples(runs.map((r) => r.traffic.cpuMs / Math.max(1, r.traffic.requests)), 2)} ms per request (it validates every query against the Admin schema).`,
      ],
    };
  },
};
