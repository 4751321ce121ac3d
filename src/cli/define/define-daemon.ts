import type { Command } from 'commander';
import { commandGroup, examples, type CommandRunner } from '../run-command.js';

/** daemon; orders list. */
export function defineDaemonCommands(program: Command, run: CommandRunner): void {
  program.command('daemon')
    .description('serve the REST API and run the hourly states pull, the orders pull and the sync worker until SIGTERM/SIGINT')
    .option('--host <host>', 'address to bind (default: daemon.host, 127.0.0.1)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (default: daemon.port, 8080)')
    .option('--insecure-no-auth', 'serve without a bearer token (only on a loopback address; for local development)')
    .addHelpText('after', examples(
      'ECOM_SYNC_API_TOKEN=$(openssl rand -hex 32) ecom-sync daemon',
      'ecom-sync daemon --host 0.0.0.0 --port 8080',
      'ecom-sync daemon --port 0 --insecure-no-auth',
    ))
    .action(run(async () => (await import('../commands/daemon.js')).daemonRun));

  const orders = commandGroup(program, 'orders', 'local orders and their states');
  orders.command('list')
    .description('list orders with their local and e-commerce state, newest first (the same data as GET /api/v1/orders)')
    .option('--state <id>', 'only orders in this local state')
    .option('--store <id>', 'only orders of this store')
    .option('--ecommerce-state <id>', 'only orders in this e-commerce state (ecommerce_order_states id)')
    .option('--page <n>', 'page number', '1')
    .option('--limit <n>', 'orders per page (at most 100)', '20')
    .addHelpText('after', examples('ecom-sync orders list', 'ecom-sync orders list --state 3 --limit 100', 'ecom-sync orders list --store 1 --page 2 --json'))
    .action(run(async () => (await import('../commands/orders-list.js')).ordersList));
}
