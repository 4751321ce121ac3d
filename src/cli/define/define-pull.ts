import type { Command } from 'commander';
import type { CommandRunner } from '../run-command.js';

/** states pull, states list, orders pull. */
export function definePullCommands(_program: Command, _run: CommandRunner): void {
  // Defined as each command lands.
}
