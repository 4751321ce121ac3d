/** What every scenario hands back: rows of the results table, plus findings for the report. */
export interface ResultRow {
  scenario: string;
  /** The measured figure, formatted with its unit. */
  figure: string;
  /** The reference measured in the same run (or the limit it is compared with), formatted. */
  reference: string;
  /** figure ÷ reference, formatted; '—' when there is no reference. */
  ratio: string;
  target: string;
  /** null when the scenario could not run (its code missing or failing). */
  met: boolean | null;
}

export interface ScenarioOutcome {
  rows: ResultRow[];
  /** Free-text notes (raw samples, causes of missed targets) for RESULTS.md. */
  notes: string[];
}

export interface BenchOptions {
  /** Tiny sizes, one run, one-second loads: keeps the harness working in CI. */
  smoke: boolean;
  /** Repetitions of each measurement; medians are reported. */
  runs: number;
  /** Start children with `--cpu-prof` into this folder (for finding the cause of a missed target). */
  cpuProfDir: string | null;
  /** Absolute path of the repository (holds bin/, dist/, bench/). */
  repoRoot: string;
  /** Print progress lines. */
  log(message: string): void;
}

export interface Scenario {
  name: string;
  run(options: BenchOptions): Promise<ScenarioOutcome>;
}
