import { Command } from 'commander';
import { defineAdminCommands } from './define/define-admin.js';
import { defineDaemonCommands } from './define/define-daemon.js';
import { defineOrderCommands } from './define/define-orders.js';
import { definePullCommands } from './define/define-pull.js';
import { defineStoreCommands } from './define/define-stores.js';
import { defineSyncCommands } from './define/define-sync.js';
import { defineTransitionCommands } from './define/define-transitions.js';
import { defineTriggerCommands } from './define/define-triggers.js';
import { defineWebhookCommands } from './define/define-webhooks.js';
import { packageVersion } from './package-version.js';
import type { CommandRunner } from './run-command.js';
import { examples } from './run-command.js';

/** The whole command tree. Definitions only: implementations are imported when a command runs. */
export function buildProgram(run: CommandRunner): Command {
  const program = new Command('ecom-sync')
    .description('Keeps order states consistent between the back office and its e-commerce platforms (PrestaShop).')
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <file>', 'configuration file (default: $ECOM_SYNC_CONFIG or ./ecom-sync.config.yaml)')
    .option('--json', 'machine-readable JSON on stdout')
    .option('-q, --quiet', 'print nothing on success (for cron)')
    .option('-v, --verbose', 'log what happens, including platform calls, on stderr')
    .showSuggestionAfterError(true)
    .addHelpText('after', examples('ecom-sync demo', 'ecom-sync orders set-status 32 3', 'ecom-sync states pull --quiet', 'ecom-sync triggers add'));

  defineAdminCommands(program, run);
  defineStoreCommands(program, run);
  defineOrderCommands(program, run);
  definePullCommands(program, run);
  defineTriggerCommands(program, run);
  defineTransitionCommands(program, run);
  defineSyncCommands(program, run);
  defineWebhookCommands(program, run);
  defineDaemonCommands(program, run);
  return program;
}
