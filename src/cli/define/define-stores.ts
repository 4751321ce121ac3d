import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

export function defineStoreCommands(program: Command, run: CommandRunner): void {
  const stores = commandGroup(program, 'stores', 'shops on e-commerce platforms');
  stores.command('add')
    .description('register a shop; its API key is stored (masked everywhere) or read from an environment variable')
    .requiredOption('--name <name>', 'a unique name for the store')
    .requiredOption('--platform <platform>', 'the platform: prestashop, shopify or woocommerce')
    .requiredOption('--url <url>', "the shop's base URL (PrestaShop: the webservice is under /api; Shopify: https://SHOP.myshopify.com; WooCommerce: the WordPress site)")
    .option('--api-key <key>', 'the webservice key / WooCommerce consumer key (prefer --api-key-env: a key on the command line lands in shell history)')
    .option('--api-key-env <var>', 'read the key from this environment variable at run time (Shopify: an Admin API access token)')
    .option('--api-secret <secret>', 'WooCommerce: the consumer secret (prefer --api-secret-env)')
    .option('--api-secret-env <var>', 'WooCommerce: read the consumer secret from this environment variable at run time')
    .option('--auth <mode>', 'WooCommerce: basic (HTTPS default), query (key and secret in the query string, for servers that drop the Authorization header) or oauth (plain HTTP default)')
    .option('--rest-route <mode>', 'WooCommerce: auto (default: detect "Plain" permalinks), pretty (/wp-json/...) or plain (?rest_route=...)')
    .option('--client-id <id>', 'Shopify: the app\'s client id, for the client-credentials grant (with --client-secret-env)')
    .option('--client-secret-env <var>', 'Shopify: read the app\'s client secret from this environment variable')
    .option('--api-version <version>', 'Shopify: Admin API version (default 2026-10)')
    .option('--language <id>', 'platform language id for state names (default: the shop default)')
    .option('--format <format>', 'response format asked of the platform: xml or json', 'xml')
    .option('--send-email', 'ask the platform to e-mail customers when a state is pushed (triggers may override)')
    .option('--shop-id <id>', 'multistore: the PrestaShop shop (id_shop) every request of this store is made in')
    .option('--shop-group-id <id>', 'multistore: the PrestaShop shop group (id_group_shop), when no --shop-id')
    .option('--no-rewrite', 'the shop has no URL rewriting: use /webservice/dispatcher.php?url= instead of /api/')
    .option('--timezone <zone>', "PrestaShop: the IANA time zone the shop writes its dates in (default: the shop's PS_TIMEZONE)")
    .option('--default', 'make this the default store')
    .addHelpText('after', examples(
      'ecom-sync stores add --name negozio --platform prestashop --url https://negozio.example --api-key-env NEGOZIO_KEY',
      'ecom-sync stores add --name prova --platform prestashop --url http://127.0.0.1:8081 --api-key ECOMSYNCSANDBOXKEY00000000000001',
      'ecom-sync stores add --name bottega --platform woocommerce --url https://bottega.example --api-key-env CK_BOTTEGA --api-secret-env CS_BOTTEGA',
      'ecom-sync stores add --name bottega --platform shopify --url https://bottega.myshopify.com --api-key-env SHOPIFY_TOKEN',
      'ecom-sync stores add --name bottega --platform shopify --url https://bottega.myshopify.com --client-id abc123 --client-secret-env SHOPIFY_SECRET --api-version 2026-10',
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
    .option('--api-secret <secret>', 'WooCommerce: new consumer secret')
    .option('--api-secret-env <var>', 'WooCommerce: read the consumer secret from this environment variable instead')
    .option('--auth <mode>', 'WooCommerce: basic, query or oauth')
    .option('--rest-route <mode>', 'WooCommerce: auto, pretty or plain')
    .option('--language <id>', 'platform language id for state names')
    .option('--format <format>', 'xml or json')
    .option('--send-email', 'e-mail customers on pushed states')
    .option('--no-send-email', 'never e-mail customers unless a trigger says so')
    .option('--shop-id <id>', 'multistore: the shop (id_shop) of this store; 0 clears it')
    .option('--shop-group-id <id>', 'multistore: the shop group (id_group_shop); 0 clears it')
    .option('--rewrite', 'the shop rewrites URLs: the webservice is under /api/ (the default)')
    .option('--no-rewrite', 'the shop has no URL rewriting: use /webservice/dispatcher.php?url=')
    .option('--timezone <zone>', "PrestaShop: the shop's IANA time zone (Europe/Rome); `shop` goes back to reading PS_TIMEZONE")
    .option('--active', 'include the store in pulls and syncs')
    .option('--inactive', 'leave the store out of pulls and syncs')
    .option('--webhook-secret-env <var>', 'verify the webhooks of this Shopify or WooCommerce store with the secret in this environment variable')
    .addHelpText('after', examples('ecom-sync stores update 1 --api-key-env NEGOZIO_KEY', 'ecom-sync stores update 1 --inactive', 'ecom-sync stores update 1 --timezone Europe/Rome', 'ecom-sync stores update 2 --webhook-secret-env SHOP_WEBHOOK_SECRET'))
    .action(run(async () => (await import('../commands/stores.js')).storesUpdate));
  stores.command('remove <id>')
    .description('remove a store that has no orders; use `stores update ID --inactive` to keep its history')
    .addHelpText('after', examples('ecom-sync stores remove 2'))
    .action(run(async () => (await import('../commands/stores.js')).storesRemove));
  stores.command('check <id>')
    .description("check a store's URL and key, and each permission ecom-sync needs (PrestaShop: one request each, HEAD where possible, and the shops of a multistore install; Shopify: the granted scopes; WooCommerce: whether the key may write)")
    .addHelpText('after', examples('ecom-sync stores check 1', 'ecom-sync stores check 1 --json'))
    .action(run(async () => (await import('../commands/stores.js')).storesCheck));
}
