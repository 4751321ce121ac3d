import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** webhooks status, events, setup, list, remove. */
export function defineWebhookCommands(program: Command, run: CommandRunner): void {
  const webhooks = commandGroup(program, 'webhooks', 'deliveries from Shopify and WooCommerce (platform → local): the inbox and its state per store');
  webhooks.command('status')
    .description('per store: whether webhooks can be verified (a secret is set), the last delivery received, what waits or failed')
    .option('--check', 'also ask each Shopify and WooCommerce store whether ecom-sync\'s subscriptions are there and delivering (one request per store)')
    .addHelpText('after', examples('ecom-sync webhooks status', 'ecom-sync webhooks status --check', 'ecom-sync webhooks status --json'))
    .action(run(async () => (await import('../commands/webhooks.js')).webhooksStatus));
  webhooks.command('events')
    .description('the webhook inbox, newest first: topic, order, when received and what processing did')
    .option('--store <id>', 'only this store')
    .option('--status <outcome>', 'pending, imported, updated, drift, unchanged, stale, own_push, ignored or failed')
    .option('--limit <n>', 'at most this many events', '50')
    .addHelpText('after', examples('ecom-sync webhooks events --status failed', 'ecom-sync webhooks events --store 2 --json'))
    .action(run(async () => (await import('../commands/webhooks.js')).webhooksEvents));
  webhooks.command('setup')
    .description('register the store\'s subscriptions on Shopify (orders updated, cancelled, fulfilled, paid) or WooCommerce (order.updated, with a generated secret); running it again creates nothing twice')
    .requiredOption('--store <id>', 'the Shopify or WooCommerce store')
    .option('--url <url>', 'the address the shop calls, ending with /webhooks/<platform>/<store id> (default: daemon.public_url + that route)')
    .option('--reset-secret', 'WooCommerce: a new signing secret, sent to ecom-sync\'s existing webhooks too')
    .addHelpText('after', examples(
      'ecom-sync webhooks setup --store 2',
      'ecom-sync webhooks setup --store 2 --url https://sync.example/webhooks/woocommerce/2',
      'ecom-sync webhooks setup --store 3 --json',
    ))
    .action(run(async () => (await import('../commands/webhooks-subscriptions.js')).webhooksSetup));
  webhooks.command('list')
    .description('the subscriptions each platform has (ecom-sync\'s and others\'): topic, address, status (WooCommerce disables a webhook after repeated failed deliveries)')
    .option('--store <id>', 'only this store')
    .addHelpText('after', examples('ecom-sync webhooks list', 'ecom-sync webhooks list --store 2 --json'))
    .action(run(async () => (await import('../commands/webhooks-subscriptions.js')).webhooksList));
  webhooks.command('remove')
    .description('remove ecom-sync\'s subscriptions of a store (those delivering to its route); other apps\' subscriptions stay')
    .requiredOption('--store <id>', 'the Shopify or WooCommerce store')
    .option('--topic <topic>', 'only this topic (orders/updated or ORDERS_UPDATED on Shopify, order.updated on WooCommerce)')
    .option('--all', 'every ecom-sync subscription of the store')
    .addHelpText('after', examples('ecom-sync webhooks remove --store 2 --all', 'ecom-sync webhooks remove --store 3 --topic orders/paid'))
    .action(run(async () => (await import('../commands/webhooks-subscriptions.js')).webhooksRemove));
}
