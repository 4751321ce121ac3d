import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** orders set-status, set-shipping-status, bulk, show. */
export function defineOrderCommands(program: Command, run: CommandRunner): void {
  const orders = commandGroup(program, 'orders', 'local orders and their states');
  orders.command('set-status <id_order> <state>')
    .description('change an order\'s state (a local id or its exact name) and push it to the platform when a trigger maps it; waits for the push. Exit 4 when the push failed (the change is kept and retried)')
    .option('--dry-run', 'show the trigger that would fire and the platform call that would be made; change nothing')
    .option('--no-sync', 'record the change locally without pushing it')
    .option('--force', 'override the transition rules (admins; needs --reason, stored with the history)')
    .option('--reason <text>', 'why the rules are overridden (with --force)')
    .addHelpText('after', examples('ecom-sync orders set-status 32 3', 'ecom-sync orders set-status 32 1 --force --reason "payment reversed by the bank"', 'ecom-sync orders set-status 32 "Spedito" --dry-run', 'ecom-sync orders set-status 32 4 --no-sync --json'))
    .action(run(async () => (await import('../commands/orders-set-status.js')).ordersSetStatus));
  orders.command('set-shipping-status <id_order> <state>')
    .description("change the state of an order's shipment and push it when a shipping trigger maps it")
    .option('--dry-run', 'show what would happen; change nothing')
    .option('--no-sync', 'record the change locally without pushing it')
    .option('--force', 'override the transition rules (admins; needs --reason)')
    .option('--reason <text>', 'why the rules are overridden (with --force)')
    .addHelpText('after', examples('ecom-sync orders set-shipping-status 32 2', 'ecom-sync orders set-shipping-status 32 "In transito" --dry-run'))
    .action(run(async () => (await import('../commands/orders-set-shipping-status.js')).ordersSetShippingStatus));
  orders.command('bulk [file]')
    .description('change many orders\' states from a JSON ({"orders":[...]} or a list) or CSV (id_order,id_order_state) file, or - for stdin; invalid rows are reported, valid ones applied and pushed. Exit 5 when any row failed')
    .option('--format <format>', 'json or csv (default: from the file extension, else from the content)')
    .option('--no-sync', 'record the changes locally without pushing them')
    .option('--force', 'override the transition rules for every row (admins; needs --reason, stored with each history row)')
    .option('--reason <text>', 'why the rules are overridden (with --force)')
    .addHelpText('after', examples('ecom-sync orders bulk changes.csv', 'ecom-sync orders bulk fix.csv --force --reason "courier mix-up, see ticket 812"', 'cat changes.json | ecom-sync orders bulk - --json', 'ecom-sync orders bulk changes.csv --no-sync'))
    .action(run(async () => (await import('../commands/orders-bulk.js')).ordersBulk));
  orders.command('show <id_order>')
    .description("an order with its local state history, its pushes to the platform (sync jobs) and the sync log")
    .addHelpText('after', examples('ecom-sync orders show 32', 'ecom-sync orders show 32 --json'))
    .action(run(async () => (await import('../commands/orders-show.js')).ordersShow));
}
