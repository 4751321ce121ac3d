import type { Scenario, ScenarioOutcome } from '../bench-types.js';
import { runInChild } from '../child-runner.js';
import { unavailableRow } from '../scenario-helpers.js';
import { formatNumber } from '../stats.js';
import type { DaemonSoak } from '../tasks/daemon-soak-task.js';

const POLLS = 100_000;
const SMOKE_POLLS = 2000;
const WARMUP = 1000;
const POLL_MS = 1;
const TARGET_MB = 5;

/**
 * The daemon's sync worker idling through 100,000 polls of 1 ms (more than a day of the default
 * 1 s poll): whatever a poll leaves behind (a listener, a timer, a closure) shows as heap growth.
 * One long run: the figure is a growth, not a speed, and three would take minutes.
 */
export const daemonSoakScenario: Scenario = {
  name: 'daemon-soak',
  async run(options): Promise<ScenarioOutcome> {
    const polls = options.smoke ? SMOKE_POLLS : POLLS;
    const label = `daemon soak: ${formatNumber(polls)} idle sync worker polls (${POLL_MS} ms): heap growth`;
    const target = `≤ ${TARGET_MB} MB`;
    let soak: DaemonSoak;
    try {
      soak = (await runInChild<DaemonSoak>('daemon-soak', { polls, warmup: WARMUP, pollMs: POLL_MS }, { cpuProfDir: options.cpuProfDir, timeoutMs: 1_800_000 })).value;
    } catch (error) {
      return { rows: [unavailableRow(label, target, error)], notes: [] };
    }
    const growth = soak.heapAfterMb - soak.heapBeforeMb;
    return {
      rows: [{ scenario: label, figure: `${growth.toFixed(2)} MB`, reference: '—', ratio: '—', target, met: growth <= TARGET_MB }],
      notes: [
        `heapUsed after a full GC: ${soak.heapBeforeMb.toFixed(2)} MB after ${WARMUP} warm-up polls, ${soak.heapAfterMb.toFixed(2)} MB after ${formatNumber(soak.polls)} more ` +
          `(${((growth * 1024 ** 2) / soak.polls).toFixed(1)} bytes per poll); abort listeners left on the daemon's signal: ${soak.abortListeners}; ` +
          `${formatNumber(soak.wallMs / 1000)} s (system clock, deliverDueJobs on an empty SQLite queue each poll; one run).`,
      ],
    };
  },
};
