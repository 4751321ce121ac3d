import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** triggers add, list, show, remove, enable, disable, test. */
export function defineTriggerCommands(program: Command, run: CommandRunner): void {
  const triggers = commandGroup(program, 'triggers', 'rules mapping local states to platform states');
  triggers.command('add')
    .description('add a mapping rule; on a terminal, missing flags are asked for by a wizard (store, event, local state, platform state, e-mail)')
    .option('--store <id>', 'store id')
    .option('--event <type>', 'order_status_changed or shipping_status_changed (the state type follows)')
    .option('--local-state <id>', 'local order state id (or shipping state id for shipping_status_changed)')
    .option('--platform-state <id|code>', "the platform state's id or code (PrestaShop id, WooCommerce slug such as completed, Shopify action such as fulfilled), from the store's pulled catalogue (ecom-sync states list)")
    .option('--inactive', 'create it disabled')
    .option('--send-email', 'ask the platform to e-mail the customer (sendemail=1)')
    .option('--no-send-email', 'never e-mail the customer for this rule (default: inherit the store/config setting)')
    .addHelpText('after', examples(
      'ecom-sync triggers add',
      'ecom-sync triggers add --store 1 --event order_status_changed --local-state 3 --platform-state 3',
      'ecom-sync triggers add --store 1 --event order_status_changed --local-state 4 --platform-state 4 --send-email --json',
      'ecom-sync triggers add --store 2 --event order_status_changed --local-state 4 --platform-state fulfilled',
    ))
    .action(run(async () => (await import('../commands/triggers-add.js')).triggersAdd));
  triggers.command('list')
    .description('list triggers with store, local state and platform state names')
    .option('--store <id>', 'only this store')
    .addHelpText('after', examples('ecom-sync triggers list', 'ecom-sync triggers list --store 1 --json'))
    .action(run(async () => (await import('../commands/triggers.js')).triggersList));
  triggers.command('show <id>')
    .description('show one trigger')
    .addHelpText('after', examples('ecom-sync triggers show 1 --json'))
    .action(run(async () => (await import('../commands/triggers.js')).triggersShow));
  triggers.command('remove <id>')
    .description('delete a trigger (pending sync jobs it created are still delivered)')
    .addHelpText('after', examples('ecom-sync triggers remove 2'))
    .action(run(async () => (await import('../commands/triggers.js')).triggersRemove));
  triggers.command('enable <id>')
    .description('activate a trigger (checked again: usable platform state, no other active trigger for the same local state)')
    .addHelpText('after', examples('ecom-sync triggers enable 2'))
    .action(run(async () => (await import('../commands/triggers.js')).triggersEnable));
  triggers.command('disable <id>')
    .description('deactivate a trigger')
    .addHelpText('after', examples('ecom-sync triggers disable 2'))
    .action(run(async () => (await import('../commands/triggers.js')).triggersDisable));
  triggers.command('test <id_order> <state>')
    .description('dry run: which trigger a change of the order to this local state would fire, and the exact platform call (nothing is sent)')
    .option('--event <type>', 'order_status_changed (default) or shipping_status_changed')
    .addHelpText('after', examples('ecom-sync triggers test 32 3', 'ecom-sync triggers test 32 4 --json'))
    .action(run(async () => (await import('../commands/triggers.js')).triggersTest));
}
