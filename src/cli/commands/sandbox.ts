import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice, parseNonNegativeInt } from '../parse-args.js';
import { checkPrestaShopKey, maskApiKey } from '../../stores/store-credentials.js';

/** Serves the sandbox until SIGINT/SIGTERM. */
export async function sandbox(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const platformName = parseChoice(String(options.platform ?? 'prestashop').toLowerCase(), ['prestashop', 'shopify', 'woocommerce'] as const, '--platform');
  if (platformName === 'shopify') return (await import('./sandbox-shopify.js')).shopifySandbox(ctx, options);
  if (platformName === 'woocommerce') return (await import('./sandbox-woocommerce.js')).sandboxWooCommerce(ctx, options);
  const port = parseNonNegativeInt(options.port ?? '8081', '--port');
  const orders = parseNonNegativeInt(options.orders ?? '300', '--orders');
  const latencyMs = parseNonNegativeInt(options.latency ?? '0', '--latency');
  const key = options.key as string | undefined;
  if (key !== undefined) checkPrestaShopKey(key, '--key');

  const { startSandbox } = await import('../../platforms/sandbox/index.js');
  const server = await startSandbox({
    port, apiKey: key, orders, latencyMs, debugMode: options.debugMode === true, urlRewrite: options.rewrite !== false, multishop: options.multishop === true,
  });
  const webservice = options.rewrite === false ? `${server.url}/webservice/dispatcher.php?url=` : `${server.url}/api/`;
  const info = { url: server.url, webservice, api_key: server.apiKey, orders };
  // The key is the sandbox's own test key, which the user needs to connect: show it in full only
  // when it is the built-in demo key; a key given with --key is the user's and stays masked.
  const shownKey = key === undefined ? server.apiKey : maskApiKey(server.apiKey);
  ctx.streams.stderr.write(
    `PrestaShop sandbox listening on ${server.url} (webservice ${webservice}, key ${shownKey}, ${orders} orders). Ctrl-C stops it.\n`,
  );
  if (ctx.globals.json) ctx.streams.stdout.write(`${JSON.stringify({ ...info, api_key: shownKey })}\n`);

  const signal = ctx.shutdownSignal();
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  return { json: null };
}
