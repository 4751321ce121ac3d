import type { ResultRow, Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild, startChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber, formatRatio, median, samples } from '../stats.js';
import { WOO_SANDBOX_KEYS } from '../../src/platforms/woocommerce-sandbox/woo-sandbox-types.js';
import type { PlatformBulkResult } from '../tasks/platform-bulk-task.js';
import type { WooPullResult } from '../tasks/woo-pull-task.js';
import type { WooSandboxInfo, WooTraffic } from '../tasks/woo-sandbox-task.js';

const LATENCY_MS = 20;

interface PushRun extends PlatformBulkResult {
  traffic: WooTraffic;
}

async function measurePush(count: number, cpuProfDir: string | null): Promise<PushRun> {
  // A third of the seeded orders are completed already: seed enough others.
  const sandbox = await startChild<WooSandboxInfo>('woo-sandbox', { orders: Math.ceil(count * 1.7) + 20, latencyMs: LATENCY_MS });
  const key = WOO_SANDBOX_KEYS.readWrite;
  const measured = await runInChild<PlatformBulkResult>('platform-bulk', {
    platform: 'woocommerce', count, url: sandbox.info.url, consumerKey: key.consumerKey, consumerSecret: key.consumerSecret, origins: sandbox.info.pushableOrderIds,
  }, { cpuProfDir }).then((outcome) => ({ ok: true as const, value: outcome.value }), (error: unknown) => ({ ok: false as const, error }));
  const traffic = (await sandbox.stop<WooTraffic>()).value;
  if (!measured.ok) throw measured.error;
  return { ...measured.value, traffic };
}

/**
 * WooCommerce: requests per pushed order (one PUT /wc/v3/orders/{id} each, a bulk with a trigger
 * to `completed`, sandbox +20 ms per request) and the order pages an orders pull of N orders asks.
 */
export const wooCommerceRequestsScenario: Scenario = {
  name: 'woocommerce-requests',
  async run(options): Promise<ScenarioOutcome> {
    const count = options.smoke ? 30 : 500;
    const pullCount = options.smoke ? 150 : 1000;
    const pushLabel = `WooCommerce: bulk status change with a trigger (completed → PUT orders/{id}), ${formatNumber(count)} orders, sandbox +${LATENCY_MS} ms per request`;
    const pullLabel = `WooCommerce: orders pull, ${formatNumber(pullCount)} orders`;
    const rows: ResultRow[] = [];
    const notes: string[] = [];

    const runs: PushRun[] = [];
    try {
      for (let run = 0; run < options.runs; run++) {
        options.log(`${pushLabel}: run ${run + 1}/${options.runs}`);
        runs.push(await measurePush(count, options.cpuProfDir));
      }
    } catch (error) {
      rows.push(unavailableRow(`${pushLabel}: requests per pushed order`, '1.0', error));
    }
    if (runs.length > 0) {
      const first = runs[0] as PushRun;
      const perOrder = median(runs.map((r) => r.traffic.requests / r.count));
      const limitMs = (count * LATENCY_MS) / first.concurrency;
      const ms = median(runs.map((r) => r.ms));
      rows.push({
        scenario: `${pushLabel}: requests per pushed order`,
        figure: perOrder.toFixed(2),
        reference: '—',
        ratio: '—',
        target: '1.0 (requests ÷ N)',
        met: Math.abs(perOrder - 1) < 1e-9 && runs.every((r) => r.jobsDone === r.count && r.traffic.statusChanges === r.count),
      });
      rows.push({
        scenario: `${pushLabel}: wall time`,
        figure: `${formatNumber(ms)} ms`,
        reference: `${formatNumber(limitMs)} ms (N × ${LATENCY_MS} ms ÷ concurrency ${first.concurrency})`,
        ratio: formatRatio(ms, limitMs),
        target: '— (reported; the PrestaShop row has the 1.2× target)',
        met: null,
      });
      notes.push(
        `push: wall time samples ${samples(runs.map((r) => r.ms))} ms; requests ${samples(runs.map((r) => r.traffic.requests))}, PUTs ${samples(runs.map((r) => r.traffic.puts))}, status changes the shop recorded ${samples(runs.map((r) => r.traffic.statusChanges))} of ${count}; ` +
          `jobs done ${samples(runs.map((r) => r.jobsDone))}; CPU of the ecom-sync process ${samples(runs.map((r) => r.cpuMs / r.count), 2)} ms per order; requests of the first run: ${Object.entries(first.traffic.byRoute).map(([route, n]) => `${route} × ${n}`).join(', ')}.`,
      );
    }

    try {
      const pull = (await runInChild<WooPullResult>('woo-pull-requests', { orders: pullCount }, { cpuProfDir: options.cpuProfDir })).value;
      const target = Math.ceil(pull.orderCount / pull.pageSize) + 1;
      rows.push({
        scenario: `${pullLabel}: order page requests`,
        figure: `${pull.pages} (${pull.created} imported)`,
        reference: '—',
        ratio: '—',
        target: `≤ ${target} (⌈${pull.orderCount} ÷ ${pull.pageSize}⌉ + 1)`,
        met: pull.pages <= target && pull.created === pull.orderCount,
      });
      rows.push({
        scenario: `${pullLabel}: the next pull, nothing changed: order page requests`,
        figure: String(pull.pagesAgain),
        reference: '—',
        ratio: '—',
        target: '1 (the boundary second re-read)',
        met: pull.pagesAgain === 1,
      });
      notes.push(`orders pull: ${Object.entries(pull.byRoute).map(([route, n]) => `${route} × ${n}`).join(', ')} in ${formatNumber(pull.ms)} ms (per_page ${pull.pageSize}; the sandbox in the same process, no added latency).`);
    } catch (error) {
      rows.push(unavailableRow(`${pullLabel}: order page requests`, '⌈N ÷ 100⌉ + 1', error));
    }
    return { rows, notes };
  },
};
