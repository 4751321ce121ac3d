import type { Command } from 'commander';
import type { CommandRunner } from '../run-command.js';

/** sync list, retry, run; demo. */
export function defineSyncCommands(_program: Command, _run: CommandRunner): void {
  // Defined as each command lands.
}
