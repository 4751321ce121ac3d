import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

export function defineStoreCommands(program: Command, run: CommandRunner): void {
  const stores = commandGroup(program, 'stores', 'shops on e-commerce platforms');
  stores.command('add')
    .description('register a shop; its API key is stored (masked everywhere) or read from an environment variable')
    .requiredOption('--name <name>', 'a unique name for the store')
    .requiredOption('--platform <platform>', 'the platform: prestashop')
    .requiredOption('--url <url>', "the shop's base URL (the webservice is under /api)")
    .option('--api-key <key>', 'the webservice key (prefer --api-key-env: a key on the command line lands in shell history)')
    .option('--api-key-env <var>', 'read the key from this environment variable at run time')
    .option('--language <id>', 'platform language id for state names (default: the shop default)')
    .option('--format <format>', 'response format asked of the platform: xml or json', 'xml')
    .option('--send-email', 'ask the platform to e-mail customers when a state is pushed (triggers may override)')
    .option('--shop-id <id>', 'multistore: the PrestaShop shop (id_shop) every request of this store is made in')
    .option('--shop-group-id <id>', 'multistore: the PrestaShop shop group (id_group_shop), when no --shop-id')
    .option('--no-rewrite', 'the shop has no URL rewriting: use /webservice/dispatcher.php?url= instead of /api/')
    .option('--default', 'make this the default store')
    .addHelpText('after', examples(
      'ecom-sync stores add --name negozio --platform prestashop --url https://negozio.example --api-key-env NEGOZIO_KEY',
      'ecom-sync stores add --name prova --platform prestashop --url http://127.0.0.1:8081 --api-key ECOMSYNCSANDBOXKEY00000000000001',
      'ecom-sync stores add --name outlet --platform prestashop --url https://negozio.example --api-key-env NEGOZIO_KEY --shop-id 2',
    ))
    .action(run(async () => (await import('../commands/stores.js')).storesAdd));
  stores.command('list')
    .description('list stores (API keys masked)')
    .addHelpText('after', examples('ecom-sync stores list', 'ecom-sync stores list --json'))
    .action(run(async () => (await import('../commands/stores.js')).storesList));
  stores.command('update <id>')
    .description("change a store's URL, key, language, format, e-mail default or active flag")
    .option('--name <name>', 'new name')
    .option('--url <url>', 'new base URL')
    .option('--api-key <key>', 'new webservice key')
    .option('--api-key-env <var>', 'read the key from this environment variable instead')
    .option('--language <id>', 'platform language id for state names')
    .option('--format <format>', 'xml or json')
    .option('--send-email', 'e-mail customers on pushed states')
    .option('--no-send-email', 'never e-mail customers unless a trigger says so')
    .option('--shop-id <id>', 'multistore: the shop (id_shop) of this store; 0 clears it')
    .option('--shop-group-id <id>', 'multistore: the shop group (id_group_shop); 0 clears it')
    .option('--rewrite', 'the shop rewrites URLs: the webservice is under /api/ (the default)')
    .option('--no-rewrite', 'the shop has no URL rewriting: use /webservice/dispatcher.php?url=')
    .option('--active', 'include the store in pulls and syncs')
    .option('--inactive', 'leave the store out of pulls and syncs')
    .addHelpText('after', examples('ecom-sync stores update 1 --api-key-env NEGOZIO_KEY', 'ecom-sync stores update 1 --inactive'))
    .action(run(async () => (await import('../commands/stores.js')).storesUpdate));
  stores.command('remove <id>')
    .description('remove a store that has no orders; use `stores update ID --inactive` to keep its history')
    .addHelpText('after', examples('ecom-sync stores remove 2'))
    .action(run(async () => (await import('../commands/stores.js')).storesRemove));
  stores.command('check <id>')
    .description("check a store's URL and key, and each permission ecom-sync needs (one request each, HEAD where possible); lists the shops of a multistore install")
    .addHelpText('after', examples('ecom-sync stores check 1', 'ecom-sync stores check 1 --json'))
    .action(run(async () => (await import('../commands/stores.js')).storesCheck));
}
