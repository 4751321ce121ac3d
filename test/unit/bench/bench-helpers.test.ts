import { describe, expect, it } from 'vitest';
import { summarizeProfile } from '../../../bench/cpu-profile-summary.js';
import { QueryCounterPlugin } from '../../../bench/query-counter.js';
import { mergeResults, metLabel, renderResults, renderTable } from '../../../bench/results-markdown.js';
import { maxInFlight } from '../../../bench/scenarios/bulk-triggers-scenario.js';
import { describeFailure } from '../../../bench/scenario-helpers.js';
import { formatRatio, median } from '../../../bench/stats.js';
import { createBenchApp } from '../../../bench/bench-app.js';
import { insertStore, seedOrders } from '../../../bench/seed-orders.js';
import { legacyBulkStatusChange } from '../../../bench/legacy-status-change.js';

describe('bench statistics', () => {
  it('takes the median of odd and even samples without reordering the input', () => {
    const values = [9, 1, 5];
    expect(median(values)).toBe(5);
    expect(values).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('formats ratios and refuses a missing reference', () => {
    expect(formatRatio(30, 20)).toBe('1.50×');
    expect(formatRatio(1, 0)).toBe('n/a');
    expect(formatRatio(Number.NaN, 2)).toBe('n/a');
  });

  it('counts the requests in flight within one latency window', () => {
    expect(maxInFlight([0, 1, 2, 3, 20, 21, 40], 20)).toBe(4);
    expect(maxInFlight([0, 25, 50], 20)).toBe(1);
    expect(maxInFlight([], 20)).toBe(0);
  });
});

describe('results table', () => {
  const rows = [
    { scenario: 'a | b', figure: '1 ms', reference: '2 ms', ratio: '0.50×', target: '≤ 3×', met: true },
    { scenario: 'c', figure: 'not measured', reference: '—', ratio: '—', target: '1', met: null },
    { scenario: 'd', figure: '5', reference: '—', ratio: '—', target: '1', met: false },
  ];

  it('escapes pipes and marks met, missed and unmeasured targets', () => {
    const table = renderTable(rows).split('\n');
    expect(table[0]).toBe('| scenario | figure | reference | ratio | target | met? |');
    expect(table[2]).toBe('| a \\| b | 1 ms | 2 ms | 0.50× | ≤ 3× | yes |');
    expect(table[3]?.endsWith('| — |')).toBe(true);
    expect(table[4]?.endsWith('| **no** |')).toBe(true);
    expect(metLabel(null)).toBe('—');
  });

  it('writes the machine, the notes and the findings into RESULTS.md', () => {
    const markdown = renderResults({
      date: '2026-01-01 10:00 UTC', nodeVersion: '20.0.0', cpus: 2, cpuModel: 'Test CPU', totalMemoryGb: 4, runs: 3, rows,
      notes: [{ scenario: 'bulk', lines: ['samples 1, 2, 3'] }, { scenario: 'empty', lines: [] }],
      findings: '## Findings\n\ncause',
    });
    expect(markdown).toContain('2 CPUs (Test CPU)');
    expect(markdown).toContain('median of 3 runs');
    expect(markdown).toContain('### bulk\n\n- samples 1, 2, 3');
    expect(markdown).not.toContain('### empty');
    expect(markdown.trimEnd().endsWith('cause')).toBe(true);
  });

  it('names a module that is not there yet instead of failing', () => {
    const error = Object.assign(new Error("Cannot find module '/repo/dist/src/orders/bulk-order-status.js' imported from x"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(describeFailure(error)).toBe('code not there yet (src/orders/bulk-order-status.ts)');
    expect(describeFailure(new Error('first line\nsecond'))).toBe('first line');
  });
});

describe('cpu profile summary', () => {
  it('adds self time by function and by file', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const summary = summarizeProfile({
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('hot', 'file:///r/dist/src/a.js') },
        { id: 3, callFrame: frame('cold', 'file:///r/node_modules/kysely/x.js') },
      ],
      samples: [2, 2, 3, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 4000,
    });
    expect(summary.totalMs).toBe(4);
    expect(summary.byFunction[0]).toEqual({ name: 'hot dist/src/a.js:1', ms: 3, share: 0.75 });
    expect(summary.byFile.map((line) => line.name)).toEqual(['dist/src/a.js', 'node_modules/kysely/x.js']);
  });
});

describe('bench fixtures on a real SQLite file', () => {
  it('seeds orders in batches and the reference design changes each of them with a history row and an event', async () => {
    const bench = await createBenchApp();
    try {
      const storeId = await insertStore(bench.app.db);
      const ids = await seedOrders(bench.app.db, { count: 1203, storeId, stateId: 2 });
      expect(ids).toHaveLength(1203);
      const events: number[] = [];
      bench.app.bus.register({ name: 'spy', canHandle: () => true, handle: async (event) => { events.push(event.data.order_id); } });
      const changed = await legacyBulkStatusChange(bench.app, ids.slice(0, 30).map((id_order) => ({ id_order, id_order_state: 3 })));
      expect(changed).toBe(30);
      expect(events).toEqual(ids.slice(0, 30));
      const history = await bench.app.db.selectFrom('orders_history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(history.n)).toBe(30);
      const moved = await bench.app.db.selectFrom('orders').select('id_order').where('id_order_state', '=', 3).execute();
      expect(moved.map((row) => row.id_order)).toEqual(ids.slice(0, 30));
    } finally {
      await bench.cleanup();
    }
  });

  it('counts the statements run through a plugged Kysely instance', async () => {
    const bench = await createBenchApp();
    try {
      const counter = new QueryCounterPlugin();
      const counted = bench.app.db.withPlugin(counter);
      await counted.selectFrom('order_states').selectAll().execute();
      await counted.selectFrom('stores').selectAll().execute();
      await bench.app.db.selectFrom('stores').selectAll().execute();
      expect(counter.statements).toEqual(['SelectQueryNode', 'SelectQueryNode']);
    } finally {
      await bench.cleanup();
    }
  });
});

describe('mergeResults (--only runs)', () => {
  const existing = [
    '# ecom-sync benchmark results', '', 'Written by `npm run bench` on 2026-11-25.', '',
    '| scenario | figure | reference | ratio | target | met? |', '|---|---|---|---|---|---|',
    '| a | 1 | — | — | — | — |', '| b | 2 | — | — | — | — |', '',
    '## Samples and details', '', '### a', '', '- a note', '', '## Missed targets: causes and fixes', '', 'text',
  ].join('\n');
  const row = (scenario: string, figure: string) => ({ scenario, figure, reference: '—', ratio: '—', target: '≤ 5 MB', met: true });

  it('replaces the rows and notes of the scenarios that ran and keeps the rest', () => {
    const merged = mergeResults(existing, [row('a', '9')], [{ scenario: 'a', lines: ['new note'] }], '2026-12-01 11:00 UTC');
    expect(merged).toContain('| a | 9 | — | — | ≤ 5 MB | yes |');
    expect(merged).not.toContain('| a | 1 |');
    expect(merged).toContain('| b | 2 |');
    expect(merged).toContain('- new note (measured on 2026-12-01 11:00 UTC with `--only a`)');
    expect(merged).not.toContain('- a note');
    expect(merged).toContain('## Missed targets: causes and fixes\n\ntext');
  });

  it('adds a new scenario as the last row and its notes before the findings', () => {
    const merged = mergeResults(existing, [row('soak', '0.1 MB')], [{ scenario: 'soak', lines: ['soak note'] }], 'D');
    const lines = merged.split('\n');
    expect(lines.indexOf('| soak | 0.1 MB | — | — | ≤ 5 MB | yes |')).toBe(lines.indexOf('| b | 2 | — | — | — | — |') + 1);
    expect(lines.indexOf('### soak')).toBeGreaterThan(lines.indexOf('- a note'));
    expect(lines.indexOf('### soak')).toBeLessThan(lines.indexOf('## Missed targets: causes and fixes'));
  });
});
