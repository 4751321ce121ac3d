import type { Command} from 'commander';
import { CommanderError } from 'commander';
import type { AppOverrides } from '../app-types.js';
import { DatabaseUnavailableError, isConnectionLoss } from '../db/connection-loss.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../error-codes.js';
import { EcomSyncError, ExitCode, ExitError } from '../errors.js';
import { createCommandContext } from './context.js';
import type { GlobalOptions, OutputStreams } from './output.js';
import { writeResult } from './output.js';
import { buildProgram } from './program.js';
import type { LazyHandler } from './run-command.js';

/** commander's own parse errors (unknown option, missing argument) are printed under this code. */
const USAGE: ErrorCode = 'USAGE';

export interface MainOptions {
  streams?: OutputStreams;
  cwd?: string;
  appOverrides?: AppOverrides;
}

function reportError(thrown: unknown, globals: GlobalOptions, streams: OutputStreams): number {
  if (thrown instanceof ExitError) return thrown.exitCode;
  // A database that went away mid-command is not a bug of ecom-sync: say so, without a stack.
  const error = !(thrown instanceof EcomSyncError) && isConnectionLoss(thrown) ? new DatabaseUnavailableError(thrown) : thrown;
  if (error instanceof EcomSyncError) {
    streams.stderr.write(`error[${error.code}]: ${error.message}\n`);
    if (error.hint) streams.stderr.write(`hint: ${error.hint}\n`);
    if (globals.json) {
      streams.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint ?? null, ...(error.details ? { details: error.details } : {}) } }, null, 2)}\n`);
    }
    return error.exitCode;
  }
  // Not an expected failure: a bug. Show everything needed to report it.
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const internal: ErrorCode = 'INTERNAL';
  streams.stderr.write(`error[${internal}]: ${stack}\nhint: ${ERROR_CATALOGUE[internal].hint}\n`);
  return ExitCode.internal;
}

/** The commands of argv that exist (`orders set-status`), for a help hint that works: never an unknown name. */
function knownCommandPath(program: Command, args: string[]): string[] {
  const path: string[] = [];
  let current = program;
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (next) {
      path.push(next.name());
      current = next;
    } else if (current !== program) {
      break;
    }
  }
  return path;
}

/** Runs one command line and returns the exit code; only bin/ecom-sync.js calls process.exit. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, options: MainOptions = {}): Promise<number> {
  const streams: OutputStreams = options.streams ?? { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  let exitCode: number = ExitCode.ok;
  let globals: GlobalOptions = { json: false, quiet: false, verbose: false };

  const run = (handler: LazyHandler) => async (...commanderArgs: unknown[]) => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const own = commanderArgs[commanderArgs.length - 2] as Record<string, unknown>;
    const positional = commanderArgs.slice(0, -2).flatMap((value) => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]));
    const all = command.optsWithGlobals() as Record<string, unknown>;
    globals = { config: all.config as string | undefined, json: Boolean(all.json), quiet: Boolean(all.quiet), verbose: Boolean(all.verbose) };
    const ctx = createCommandContext({ globals, streams, env, cwd: options.cwd ?? process.cwd(), appOverrides: options.appOverrides });
    try {
      const implementation = await handler();
      const result = await implementation(ctx, positional, own);
      writeResult(result, globals, streams);
      exitCode = result.exitCode ?? ExitCode.ok;
    } catch (error) {
      exitCode = reportError(error, globals, streams);
    } finally {
      await ctx.dispose().catch((error: unknown) => {
        streams.stderr.write(`warning: closing resources failed: ${(error as Error).message}\n`);
      });
    }
  };

  const program: Command = buildProgram(run);
  // Subcommands do not inherit settings made after they were created: apply them to the whole tree.
  const configure = (command: Command): void => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, `error[${USAGE}]: `)),
    });
    command.commands.forEach(configure);
  };
  configure(program);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return ExitCode.ok;
      if (error.exitCode === 0) return ExitCode.ok;
      streams.stderr.write(`hint: run \`${['ecom-sync', ...knownCommandPath(program, argv.slice(2)), '--help'].join(' ')}\` for usage.\n`);
      return ExitCode.usage;
    }
    return reportError(error, globals, streams);
  }
  return exitCode;
}
