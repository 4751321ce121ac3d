import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseChoice, parseNonNegativeInt } from '../parse-args.js';

/** `ecom-sync sandbox --platform woocommerce`: serves the WooCommerce REST v3 sandbox until SIGINT/SIGTERM. */
export async function sandboxWooCommerce(ctx: CommandContext, options: Record<string, unknown>): Promise<CommandResult> {
  const port = parseNonNegativeInt(options.port ?? '8081', '--port');
  const orders = parseNonNegativeInt(options.orders ?? '300', '--orders');
  const latencyMs = parseNonNegativeInt(options.latency ?? '0', '--latency');
  const permalinks = parseChoice(options.permalinks ?? 'pretty', ['pretty', 'plain'] as const, '--permalinks');
  const { startWooSandbox, WOO_SANDBOX_KEYS } = await import('../../platforms/woocommerce-sandbox/index.js');
  const server = await startWooSandbox({ port, orders, latencyMs, permalinks });
  // The sandbox's own fixed demo keys: they open nothing but this sandbox, so they are shown in full.
  const rw = WOO_SANDBOX_KEYS.readWrite;
  const ro = WOO_SANDBOX_KEYS.readOnly;
  const api = permalinks === 'pretty' ? `${server.url}/wp-json/wc/v3/` : `${server.url}/?rest_route=/wc/v3/`;
  ctx.streams.stderr.write(
    [
      `WooCommerce sandbox listening on ${server.url} (REST API ${api}, ${orders} orders, ${permalinks} permalinks). Ctrl-C stops it.`,
      `  Read/Write key: ${rw.consumerKey} / ${rw.consumerSecret}`,
      `  Read-only key:  ${ro.consumerKey} / ${ro.consumerSecret}`,
      `  Try: CK=${rw.consumerKey} CS=${rw.consumerSecret} ecom-sync stores add --name woo --platform woocommerce --url ${server.url} --api-key-env CK --api-secret-env CS --auth basic`,
      '',
    ].join('\n'),
  );
  if (ctx.globals.json) {
    ctx.streams.stdout.write(`${JSON.stringify({ platform: 'woocommerce', url: server.url, rest_api: api, orders, permalinks, keys: { read_write: { consumer_key: rw.consumerKey, consumer_secret: rw.consumerSecret }, read: { consumer_key: ro.consumerKey, consumer_secret: ro.consumerSecret } } })}\n`);
  }
  const signal = ctx.shutdownSignal();
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  return { json: null };
}
