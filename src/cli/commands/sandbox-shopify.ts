import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseNonNegativeInt } from '../parse-args.js';

/** `sandbox --platform shopify`: the Shopify-like Admin GraphQL endpoint until SIGINT/SIGTERM. */
export async function shopifySandbox(ctx: CommandContext, options: Record<string, unknown>): Promise<CommandResult> {
  const port = parseNonNegativeInt(options.port ?? '8082', '--port');
  const orders = parseNonNegativeInt(options.orders ?? '300', '--orders');
  const maximum = parseNonNegativeInt(options.bucket ?? '1000', '--bucket');
  const restoreRate = parseNonNegativeInt(options.restoreRate ?? '50', '--restore-rate');
  const { startShopifySandbox } = await import('../../platforms/shopify-sandbox/index.js');
  const server = await startShopifySandbox({ port, orders, bucket: { maximum, restoreRate } });
  // The token and client secret are the sandbox's own fixed test values, needed to connect: shown in full.
  const info = {
    url: server.url, graphql: `${server.url}/admin/api/2026-10/graphql.json`, access_token: server.accessToken, client_id: server.clientId, client_secret: server.clientSecret, orders,
    bucket: { maximum, restore_rate: restoreRate },
  };
  ctx.streams.stderr.write(
    `Shopify sandbox listening on ${server.url} (GraphQL ${info.graphql}, ${orders} orders, bucket ${maximum} points restoring ${restoreRate}/s).\n`
    + `  access token ${server.accessToken}; client id ${server.clientId}, client secret ${server.clientSecret}. Ctrl-C stops it.\n`,
  );
  if (ctx.globals.json) ctx.streams.stdout.write(`${JSON.stringify(info)}\n`);
  const signal = ctx.shutdownSignal();
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  return { json: null };
}
