import type { Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import type { PageQueries } from '../tasks/page-queries-task.js';

const LIMITS = [20, 100];

/** N+1 guard: the statements of one orders page must not grow with the page size. */
export const pageQueriesScenario: Scenario = {
  name: 'page-queries',
  async run(options): Promise<ScenarioOutcome> {
    const target = 'the same constant for limit 20 and 100';
    let pages: PageQueries[];
    try {
      pages = (await runInChild<PageQueries[]>('page-queries', { limits: LIMITS }, { cpuProfDir: options.cpuProfDir })).value;
    } catch (error) {
      return { rows: LIMITS.map((limit) => unavailableRow(`SQL queries for one orders page, limit ${limit}`, target, error)), notes: [] };
    }
    const counts = new Set(pages.map((p) => p.queries));
    const met = counts.size === 1;
    return {
      rows: pages.map((page) => ({
        scenario: `SQL queries for one orders page, limit ${page.limit}`,
        figure: `${page.queries} queries (${page.orders} orders)`,
        reference: '—',
        ratio: '—',
        target,
        met,
      })),
      notes: pages.map((p) => `listOrders limit ${p.limit}: ${p.queries} statements (${p.kinds.join(', ')}) for ${p.orders} orders of 300.`),
    };
  },
};
