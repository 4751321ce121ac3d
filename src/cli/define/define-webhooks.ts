import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** webhooks status, events. */
export function defineWebhookCommands(program: Command, run: CommandRunner): void {
  const webhooks = commandGroup(program, 'webhooks', 'deliveries from Shopify and WooCommerce (platform → local): the inbox and its state per store');
  webhooks.command('status')
    .description('per store: whether webhooks can be verified (a secret is set), the last delivery received, what waits or failed')
    .addHelpText('after', examples('ecom-sync webhooks status', 'ecom-sync webhooks status --json'))
    .action(run(async () => (await import('../commands/webhooks.js')).webhooksStatus));
  webhooks.command('events')
    .description('the webhook inbox, newest first: topic, order, when received and what processing did')
    .option('--store <id>', 'only this store')
    .option('--status <outcome>', 'pending, imported, updated, drift, unchanged, stale, own_push, ignored or failed')
    .option('--limit <n>', 'at most this many events', '50')
    .addHelpText('after', examples('ecom-sync webhooks events --status failed', 'ecom-sync webhooks events --store 2 --json'))
    .action(run(async () => (await import('../commands/webhooks.js')).webhooksEvents));
}
