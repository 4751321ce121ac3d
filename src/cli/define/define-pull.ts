import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** states pull, states list, orders pull. */
export function definePullCommands(program: Command, run: CommandRunner): void {
  const states = commandGroup(program, 'states', "the platforms' order state catalogues");
  states.command('pull')
    .description("pull each store's order state catalogue (one request per store): new states added, renamed ones updated, deleted or vanished ones flagged; exit 4 when a store failed")
    .option('--store <id>', 'only this store (default: every active store)')
    .option('--accept-removals', 'apply a pull that flags more than half of a store\'s states as deleted or gone (refused otherwise: almost always a broken answer)')
    .addHelpText('after', examples('ecom-sync states pull', 'ecom-sync states pull --store 1', 'ecom-sync states pull --store 1 --accept-removals', 'ecom-sync states pull --quiet   # cron: prints only failures'))
    .action(run(async () => (await import('../commands/states-pull.js')).statesPull));
  states.command('list')
    .description('list the pulled platform states with the local id triggers refer to')
    .option('--store <id>', 'only this store')
    .option('--all', 'include states deleted on the platform or no longer listed')
    .addHelpText('after', examples('ecom-sync states list --store 1', 'ecom-sync states list --all --json'))
    .action(run(async () => (await import('../commands/states-list.js')).statesList));

  const orders = commandGroup(program, 'orders', 'local orders and their states');
  orders.command('pull')
    .description("import new and changed orders from each store (PrestaShop, Shopify, WooCommerce), incrementally by the platform's updated-at")
    .option('--store <id>', 'only this store (default: every active store)')
    .option('--since <datetime>', "only orders updated at or after this time: ISO 8601 with an offset (2026-03-29T03:30:00+02:00, as --json prints the watermark) or YYYY-MM-DD[ HH:MM:SS] (shop-local for PrestaShop, UTC for Shopify and WooCommerce); overrides the store's watermark")
    .option('--full', 'ignore the watermark and read every order')
    .addHelpText('after', examples('ecom-sync orders pull', 'ecom-sync orders pull --store 1 --since "2026-01-01 00:00:00"', 'ecom-sync orders pull --store 1 --since 2026-03-29T03:30:00+02:00', 'ecom-sync orders pull --full --json'))
    .action(run(async () => (await import('../commands/orders-pull.js')).ordersPull));
}
