import type { Command } from 'commander';
import type { CommandRunner } from '../run-command.js';

/** daemon; orders list. */
export function defineDaemonCommands(_program: Command, _run: CommandRunner): void {
  // Defined as each command lands.
}
