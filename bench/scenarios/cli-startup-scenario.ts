import { rm } from 'node:fs/promises';
import type { ResultRow, Scenario, ScenarioOutcome } from '../bench-types.js';
import { createWorkspace } from '../bench-workspace.js';
import { unavailableRow } from '../scenario-helpers.js';
import { timeSpawn } from '../spawn-timing.js';
import { formatNumber, formatRatio, median, samples } from '../stats.js';

const TARGET_RATIO = 3;

/** Start-up cost of the CLI (lazy command imports) against a bare `node -e 0`. */
export const cliStartupScenario: Scenario = {
  name: 'cli-startup',
  async run(options): Promise<ScenarioOutcome> {
    const workspace = await createWorkspace(options.repoRoot);
    const repeats = options.smoke ? 2 : Math.max(7, options.runs * 3);
    const rows: ResultRow[] = [];
    const notes: string[] = [];
    try {
      const commands: Array<{ label: string; args: string[] }> = [
        { label: 'ecom-sync --help', args: ['--help'] },
        { label: 'ecom-sync triggers list', args: ['triggers', 'list'] },
      ];
      const bare: number[] = [];
      const timings = new Map<string, number[]>(commands.map((c) => [c.label, []]));
      const failures = new Map<string, string>();
      // Interleaved, so that a noisy moment of the machine hits every command alike.
      for (let i = 0; i < repeats; i++) {
        bare.push((await timeSpawn(process.execPath, ['-e', '0'], { env: workspace.env })).ms);
        for (const command of commands) {
          if (failures.has(command.label)) continue;
          const outcome = await timeSpawn(process.execPath, [workspace.bin, ...command.args], { cwd: workspace.dir, env: workspace.env });
          if (outcome.exitCode !== 0) failures.set(command.label, `exit ${outcome.exitCode}: ${(outcome.stderr.trim().split('\n')[0] ?? '').slice(0, 160)}`);
          else timings.get(command.label)?.push(outcome.ms);
        }
      }
      const reference = median(bare);
      for (const command of commands) {
        const label = `${command.label}: wall time`;
        const failure = failures.get(command.label);
        if (failure) {
          rows.push(unavailableRow(label, `≤ ${TARGET_RATIO}× node -e 0`, new Error(failure), `${formatNumber(reference)} ms (node -e 0)`));
          continue;
        }
        const figure = median(timings.get(command.label) ?? []);
        rows.push({
          scenario: label,
          figure: `${formatNumber(figure)} ms`,
          reference: `${formatNumber(reference)} ms (node -e 0)`,
          ratio: formatRatio(figure, reference),
          target: `≤ ${TARGET_RATIO}×`,
          met: figure <= TARGET_RATIO * reference,
        });
        notes.push(`${command.label}: ${samples(timings.get(command.label) ?? [])} ms.`);
      }
      notes.push(`node -e 0: ${samples(bare)} ms. ${repeats} interleaved runs; \`triggers list\` runs on a migrated SQLite file with no triggers.`);
      return { rows, notes };
    } finally {
      await rm(workspace.dir, { recursive: true, force: true });
    }
  },
};
