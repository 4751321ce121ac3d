import type { ResultRow, Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber } from '../stats.js';
import type { PullCount, PullRequests } from '../tasks/pull-requests-task.js';

const describe = (count: PullCount) =>
  Object.entries(count.byPath).map(([path, n]) => `${path} × ${n}`).join(', ') || 'none';

/** Platform requests of the two pulls: the whole state catalogue in one, orders by pages. */
export const pullRequestsScenario: Scenario = {
  name: 'pull-requests',
  async run(options): Promise<ScenarioOutcome> {
    const states = 50;
    const orders = options.smoke ? 150 : 1000;
    const statesLabel = `states pull, store with ${states} states`;
    const ordersLabel = `orders pull, ${formatNumber(orders)} orders`;
    let result: PullRequests;
    try {
      result = (await runInChild<PullRequests>('pull-requests', { states, orders }, { cpuProfDir: options.cpuProfDir })).value;
    } catch (error) {
      return { rows: [unavailableRow(statesLabel, '1 request', error), unavailableRow(ordersLabel, '⌈N ÷ page size⌉ + 1 order requests', error)], notes: [] };
    }
    const rows: ResultRow[] = [];
    for (const [label, count, target] of [
      [`${statesLabel} (stores.id_lang unset), first pull: reads the shop's default language too`, result.states, null],
      [`${statesLabel} (stores.id_lang unset), every later pull (the default language is remembered for a day)`, result.statesAgain, 1],
      [`${statesLabel} (stores.id_lang set)`, result.statesWithLanguage, 1],
    ] as const) {
      if (count.error) rows.push(unavailableRow(`${label}: platform requests`, target === null ? '—' : String(target), new Error(count.error)));
      else rows.push({ scenario: `${label}: platform requests`, figure: `${count.total} (${describe(count)})`, reference: '—', ratio: '—', target: target === null ? '— (once a day)' : String(target), met: target === null ? null : count.total === target });
    }
    const orderTarget = Math.ceil(result.orderCount / result.pageSize) + 1;
    const ordersCount = result.orders;
    if (ordersCount.error) {
      rows.push(unavailableRow(`${ordersLabel}: order requests`, `${orderTarget} (⌈${result.orderCount} ÷ ${result.pageSize}⌉ + 1)`, new Error(ordersCount.error)));
    } else {
      const orderRequests = ordersCount.byPath['/api/orders'] ?? 0;
      const customers = ordersCount.byPath['/api/customers'] ?? 0;
      const addresses = ordersCount.byPath['/api/addresses'] ?? 0;
      rows.push({
        scenario: `${ordersLabel}: order requests`,
        figure: `${orderRequests}`,
        reference: '—',
        ratio: '—',
        target: `≤ ${orderTarget} (⌈${result.orderCount} ÷ ${result.pageSize}⌉ + 1)`,
        met: orderRequests <= orderTarget,
      });
      rows.push({
        scenario: `${ordersLabel}: customer and address requests`,
        figure: `${customers} customers, ${addresses} addresses`,
        reference: '—',
        ratio: '—',
        target: '— (reported separately)',
        met: null,
      });
    }
    const notes = [
      `states pull (id_lang unset): ${describe(result.states)} in ${formatNumber(result.states.ms)} ms; (id_lang set): ${describe(result.statesWithLanguage)}.`,
      ordersCount.error ? `orders pull: ${ordersCount.error}` : `orders pull: ${describe(ordersCount)} in ${formatNumber(ordersCount.ms)} ms (page size ${result.pageSize}).`,
    ];
    return { rows, notes };
  },
};
