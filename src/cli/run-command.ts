import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import type { CommandResult } from './output.js';

/** A command implementation: receives the context, its positional arguments and its own options. */
export type CommandHandler = (ctx: CommandContext, args: string[], options: Record<string, unknown>) => Promise<CommandResult>;

/** Lets definitions name their implementation without importing it: `--help` loads no command code. */
export type LazyHandler = () => Promise<CommandHandler>;

export interface CommandRunner {
  (handler: LazyHandler): (...commanderArgs: unknown[]) => Promise<void>;
}

/** Gets or creates a command group such as `orders`, so several definition files can add to it. */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((command) => command.name() === name);
  if (existing) return existing;
  return program.command(name).description(description);
}

/** The `Example:` block every command shows at the end of its --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
