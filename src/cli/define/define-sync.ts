import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** sync list, retry, run; demo. */
export function defineSyncCommands(program: Command, run: CommandRunner): void {
  const sync = commandGroup(program, 'sync', 'pushes of local state changes to the platforms (durable sync jobs)');
  sync.command('list')
    .description('list sync jobs, newest first')
    .option('--status <status>', 'pending, running, failed, done, superseded or cancelled')
    .option('--order <id>', 'only the jobs of this order')
    .option('--limit <n>', 'at most this many jobs', '50')
    .addHelpText('after', examples('ecom-sync sync list --status failed', 'ecom-sync sync list --order 32 --json'))
    .action(run(async () => (await import('../commands/sync.js')).syncList));
  sync.command('retry [jobs...]')
    .description('put failed jobs back in the queue and deliver them now (after fixing the cause, e.g. the store key). Exit 4/5 when some still fail')
    .option('--failed', 'every failed job')
    .addHelpText('after', examples('ecom-sync sync retry 17 18', 'ecom-sync sync retry --failed'))
    .action(run(async () => (await import('../commands/sync.js')).syncRetry));
  sync.command('run')
    .description('deliver every pending job now, also those waiting for their next retry. Exit 4 when none could be delivered, 5 when some could not')
    .addHelpText('after', examples('ecom-sync sync run', 'ecom-sync sync run --quiet   # cron'))
    .action(run(async () => (await import('../commands/sync.js')).syncRun));

  program.command('demo')
    .description('the whole flow end to end in a temporary directory against a built-in sandbox: add a store, pull states, import orders, add a trigger, change a state, show what the shop received')
    .option('--platform <platform>', 'which shop to run it against: prestashop, shopify or woocommerce', 'prestashop')
    .addHelpText('after', examples('ecom-sync demo', 'ecom-sync demo --platform shopify', 'ecom-sync demo --platform woocommerce --json'))
    .action(run(async () => (await import('../commands/demo.js')).demo));
}
