import type { Command } from 'commander';
import type { CommandRunner } from '../run-command.js';

/** orders set-status, set-shipping-status, bulk, show. */
export function defineOrderCommands(_program: Command, _run: CommandRunner): void {
  // Defined as each command lands.
}
