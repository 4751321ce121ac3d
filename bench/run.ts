/**
 * `npm run bench` — runs every scenario with its reference side by side and writes bench/RESULTS.md.
 * `npm run bench -- --smoke` runs each scenario tiny (CI keeps the harness working; figures from a
 * smoke run mean nothing and are not written). `--only <name,...>` runs some scenarios and
 * replaces (or adds) their rows and notes in bench/RESULTS.md;
 * `--cpu-prof` writes V8 profiles of the measurement children into bench/profiles/.
 * Missed targets never fail the run: benchmarks report, tests assert. Only a scenario that throws
 * (a broken harness) makes the run exit 1.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, ResultRow, Scenario } from './bench-types.js';
import { mergeResults, renderResults, renderTable } from './results-markdown.js';
import { allScenarios } from './scenarios/all-scenarios.js';
import { describeFailure } from './scenario-helpers.js';

interface CliFlags {
  smoke: boolean;
  only: string[] | null;
  cpuProf: boolean;
  runs: number | null;
}

function parseFlags(argv: readonly string[]): CliFlags {
  const flags: CliFlags = { smoke: false, only: null, cpuProf: false, runs: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--smoke') flags.smoke = true;
    else if (arg === '--cpu-prof') flags.cpuProf = true;
    else if (arg === '--only') flags.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--runs') flags.runs = Number(argv[++i]);
    else throw new Error(`unknown option ${arg} (use --smoke, --only <names>, --runs <n>, --cpu-prof)`);
  }
  return flags;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  // dist/bench/run.js -> the repository root
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const cpuProfDir = flags.cpuProf ? path.join(repoRoot, 'bench', 'profiles') : null;
  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  const options: BenchOptions = {
    smoke: flags.smoke,
    runs: flags.runs ?? (flags.smoke ? 1 : 3),
    cpuProfDir,
    repoRoot,
    log: (message) => console.error(`bench: ${message}`),
  };
  const scenarios: Scenario[] = allScenarios().filter((s) => !flags.only || flags.only.includes(s.name));
  options.log(`${scenarios.length} scenarios, ${options.runs} run(s) each, ${os.cpus().length} CPUs${options.smoke ? ', smoke mode' : ''}`);

  const rows: ResultRow[] = [];
  const notes: Array<{ scenario: string; lines: string[] }> = [];
  for (const scenario of scenarios) {
    const started = performance.now();
    try {
      const outcome = await scenario.run(options);
      rows.push(...outcome.rows);
      notes.push({ scenario: scenario.name, lines: outcome.notes });
    } catch (error) {
      // A scenario that throws is a broken harness (a missed target or missing code is a row, never
      // a throw): the run goes on, and exits 1 at the end so that CI's smoke run notices.
      rows.push({ scenario: scenario.name, figure: `failed: ${describeFailure(error)}`, reference: '—', ratio: '—', target: '—', met: null });
      console.error(error);
      process.exitCode = 1;
    }
    options.log(`${scenario.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  console.log(renderTable(rows));
  for (const note of notes) for (const line of note.lines) console.log(`- ${note.scenario}: ${line}`);
  if (options.smoke) return;
  const resultsFile = path.join(repoRoot, 'bench', 'RESULTS.md');
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  if (flags.only) {
    const existing = await readFile(resultsFile, 'utf8').catch(() => null);
    if (existing === null) return;
    await writeFile(resultsFile, mergeResults(existing, rows, notes, date));
    options.log(`updated the rows of ${flags.only.join(', ')} in ${path.relative(process.cwd(), resultsFile)}`);
    return;
  }
  const findingsFile = path.join(repoRoot, 'bench', 'findings.md');
  const findings = await readFile(findingsFile, 'utf8').catch(() => '');
  const cpus = os.cpus();
  const markdown = renderResults({
    date,
    nodeVersion: process.versions.node,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGb: os.totalmem() / 1024 ** 3,
    runs: options.runs,
    rows,
    notes,
    findings,
  });
  await writeFile(resultsFile, markdown);
  options.log(`wrote ${path.relative(process.cwd(), resultsFile)}`);
}

await main();
