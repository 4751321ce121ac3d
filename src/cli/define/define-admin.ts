import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** db, config and sandbox: setting up and checking an installation. */
export function defineAdminCommands(program: Command, run: CommandRunner): void {
  const db = commandGroup(program, 'db', 'database schema');
  db.command('migrate')
    .description('apply pending schema migrations (also done automatically before any command that needs the database)')
    .addHelpText('after', examples('ecom-sync db migrate', 'ECOM_SYNC_DATABASE_URL=postgres://ecom@db/ecom ecom-sync db migrate --json'))
    .action(run(async () => (await import('../commands/db-migrate.js')).dbMigrate));
  db.command('status')
    .description('show the database in use and its applied and pending migrations')
    .addHelpText('after', examples('ecom-sync db status'))
    .action(run(async () => (await import('../commands/db-migrate.js')).dbStatus));

  const config = commandGroup(program, 'config', 'configuration');
  config.command('show')
    .description('print the configuration in effect (file, defaults and environment merged; secrets masked)')
    .addHelpText('after', examples('ecom-sync config show', 'ecom-sync --config /etc/ecom-sync.yaml config show --json'))
    .action(run(async () => (await import('../commands/config-show.js')).configShow));

  program.command('sandbox')
    .description('serve a PrestaShop-compatible webservice on 127.0.0.1 with a seeded Italian shop, for trials and tests')
    .option('--platform <platform>', 'which platform to imitate: prestashop, shopify (Admin GraphQL, default port 8082) or woocommerce (REST v3; fixed demo keys, printed at start)', 'prestashop')
    .option('-p, --port <port>', 'port to listen on (0 = any free port; default 8081, Shopify 8082)')
    .option('--key <key>', 'the 32-character API key it accepts (default: a fixed demo key)')
    .option('--orders <count>', 'number of seeded orders', '300')
    .option('--latency <ms>', 'add this many milliseconds to every request', '0')
    .option('--debug-mode', "PrestaShop: behave like a shop in debug mode: a POST with an unknown order or state answers 200 with PHP's fatal error text (default: a bare 500, as in production)")
    .option('--no-rewrite', 'PrestaShop: behave like a shop without URL rewriting: the webservice answers only at /webservice/dispatcher.php?url=…')
    .option('--multishop', 'PrestaShop: a multistore install: shop 2 besides shop 1, every even order in shop 2 (use stores add --shop-id)')
    .option('--permalinks <mode>', 'WooCommerce sandbox only: pretty (/wp-json) or plain (?rest_route= only)', 'pretty')
    .option('--bucket <points>', 'Shopify: cost points the throttling bucket holds', '1000')
    .option('--restore-rate <points>', 'Shopify: cost points restored per second', '50')
    .addHelpText('after', examples('ecom-sync sandbox --port 8081', 'ecom-sync sandbox --debug-mode --no-rewrite', 'ecom-sync stores add --name demo --platform prestashop --url http://127.0.0.1:8081 --api-key-env SANDBOX_KEY',
      'ecom-sync sandbox --platform shopify --port 8082 --bucket 100 --restore-rate 50', 'ecom-sync sandbox --platform woocommerce --port 8083'))
    .action(run(async () => (await import('../commands/sandbox.js')).sandbox));
}
