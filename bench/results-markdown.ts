import type { ResultRow } from './bench-types.js';

export interface ResultsReport {
  date: string;
  nodeVersion: string;
  cpus: number;
  cpuModel: string;
  totalMemoryGb: number;
  runs: number;
  rows: ResultRow[];
  notes: Array<{ scenario: string; lines: string[] }>;
  /** Hand-written analysis of missed targets (kept from bench/findings.md), appended verbatim. */
  findings: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function metLabel(met: boolean | null): string {
  return met === null ? '—' : met ? 'yes' : '**no**';
}

export function renderTable(rows: readonly ResultRow[]): string {
  const lines = ['| scenario | figure | reference | ratio | target | met? |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(`| ${[row.scenario, row.figure, row.reference, row.ratio, row.target, metLabel(row.met)].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function renderResults(report: ResultsReport): string {
  const parts = [
    '# ecom-sync benchmark results',
    '',
    `Written by \`npm run bench\` on ${report.date}. Node ${report.nodeVersion}, ${report.cpus} CPUs (${report.cpuModel}), ` +
      `${report.totalMemoryGb.toFixed(1)} GB RAM. Every figure is the median of ${report.runs} runs unless its notes say otherwise; ` +
      'each reference is measured in the same run, side by side, on the same kind of database (a SQLite file, the embedded default). ' +
      'Each measurement runs in a fresh Node process, so peak RSS figures are its own.',
    '',
    renderTable(report.rows),
    '',
    '## Samples and details',
    '',
  ];
  for (const note of report.notes) {
    if (note.lines.length === 0) continue;
    parts.push(`### ${note.scenario}`, '', ...note.lines.map((line) => `- ${line}`), '');
  }
  if (report.findings.trim()) parts.push(report.findings.trim(), '');
  return parts.join('\n');
}

/**
 * `--only` runs: the rows and notes of the scenarios that ran replace theirs in an existing
 * RESULTS.md (or are added), the rest is kept as written by the last full run.
 */
export function mergeResults(existing: string, rows: readonly ResultRow[], notes: ReadonlyArray<{ scenario: string; lines: string[] }>, date: string): string {
  const lines = existing.split('\n');
  for (const row of rows) {
    const rendered = renderTable([row]).split('\n')[2] as string;
    const prefix = `| ${cell(row.scenario)} |`;
    const at = lines.findIndex((line) => line.startsWith(prefix));
    if (at >= 0) {
      lines[at] = rendered;
      continue;
    }
    const header = lines.findIndex((line) => line.startsWith('| scenario |'));
    let end = header + 1;
    while (end + 1 < lines.length && (lines[end + 1] as string).startsWith('|')) end += 1;
    lines.splice(end + 1, 0, rendered);
  }
  for (const note of notes) {
    if (note.lines.length === 0) continue;
    const section = [`### ${note.scenario}`, '', ...note.lines.map((line) => `- ${line} (measured on ${date} with \`--only ${note.scenario}\`)`), ''];
    const start = lines.indexOf(`### ${note.scenario}`);
    if (start >= 0) {
      let end = start + 1;
      while (end < lines.length && !/^##/.test(lines[end] as string)) end += 1;
      lines.splice(start, end - start, ...section);
      continue;
    }
    const samples = lines.indexOf('## Samples and details');
    let insertAt = lines.findIndex((line, i) => i > samples && /^## /.test(line));
    if (insertAt < 0) insertAt = lines.length;
    lines.splice(insertAt, 0, ...section);
  }
  return lines.join('\n');
}
