import type { Writable } from 'node:stream';
import type { ExitCode } from '../errors.js';

/** What a command returns: data for `--json`, text for people, and how the process should exit. */
export interface CommandResult {
  json: unknown;
  /** Lines for people; omitted or empty prints nothing. */
  text?: string;
  exitCode?: ExitCode;
}

export interface GlobalOptions {
  config?: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

export interface OutputStreams {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Colour only on a terminal and never with NO_COLOR (https://no-color.org) or FORCE_COLOR=0. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function writeResult(result: CommandResult, globals: GlobalOptions, streams: OutputStreams): void {
  if (globals.json) {
    streams.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
    return;
  }
  if (globals.quiet && (result.exitCode ?? 0) === 0) return;
  if (result.text) streams.stdout.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
}
