import type { Command } from 'commander';
import type { CommandRunner } from '../run-command.js';

/** triggers add, list, remove, enable, disable, test. */
export function defineTriggerCommands(_program: Command, _run: CommandRunner): void {
  // Defined as each command lands.
}
