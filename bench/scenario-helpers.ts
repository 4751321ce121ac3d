import type { ResultRow } from './bench-types.js';
import { isModuleMissing } from './optional-module.js';

/** A row for a scenario that could not be measured, with the reason in place of the figure. */
export function unavailableRow(scenario: string, target: string, error: unknown, reference = '—'): ResultRow {
  return { scenario, figure: `not measured: ${describeFailure(error)}`, reference, ratio: '—', target, met: null };
}

export function describeFailure(error: unknown): string {
  if (isModuleMissing(error)) {
    const match = /Cannot find (?:module|package) '([^']+)'/.exec((error as Error).message);
    return `code not there yet (${match ? shorten(match[1] as string) : 'module missing'})`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 200) ?? 'failed';
}

function shorten(file: string): string {
  const at = file.lastIndexOf('/dist/');
  return at >= 0 ? file.slice(at + '/dist/'.length).replace(/\.js$/, '.ts') : file;
}
