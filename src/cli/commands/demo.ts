import { ExitCode, UsageError } from '../../errors.js';
import { DEMO_PLATFORMS, type DemoOptions, type DemoPlatform, type DemoReportBase } from '../../demo/demo-types.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';

function demoPlatform(value: unknown): DemoPlatform {
  const text = String(value ?? 'prestashop').trim().toLowerCase();
  if ((DEMO_PLATFORMS as readonly string[]).includes(text)) return text as DemoPlatform;
  throw new UsageError('INVALID_ARGUMENT', `--platform must be one of ${DEMO_PLATFORMS.join(', ')}, got ${JSON.stringify(String(value))}`, {
    hint: 'Run `ecom-sync demo` (PrestaShop), `ecom-sync demo --platform shopify` or `ecom-sync demo --platform woocommerce`.',
  });
}

/** Each platform's demo is loaded only when asked for (its sandbox pulls in its own code). */
async function runFor(platform: DemoPlatform, options: DemoOptions): Promise<DemoReportBase> {
  switch (platform) {
    case 'shopify':
      return (await import('../../demo/run-shopify-demo.js')).runShopifyDemo(options);
    case 'woocommerce':
      return (await import('../../demo/run-woocommerce-demo.js')).runWooCommerceDemo(options);
    default:
      return (await import('../../demo/run-demo.js')).runDemo(options);
  }
}

const NEXT: Record<DemoPlatform, string> = {
  prestashop: '`ecom-sync stores add --platform prestashop` with your own shop, then `ecom-sync states pull`',
  shopify: '`ecom-sync stores add --platform shopify` with your own shop (README: Shopify), then `ecom-sync states pull`',
  woocommerce: '`ecom-sync stores add --platform woocommerce` with your own shop (README: WooCommerce), then `ecom-sync states pull`',
};

/**
 * `ecom-sync demo [--platform prestashop|shopify|woocommerce]`: needs no configuration, store or
 * database of the user's — it works in a temporary directory and removes it. Steps are printed
 * as they happen.
 */
export async function demo(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const platform = demoPlatform(options.platform);
  const s = ctx.style;
  const live = !ctx.globals.json && !ctx.globals.quiet;
  const report = await runFor(platform, {
    signal: ctx.shutdownSignal(),
    onStep: (step) => {
      if (!live) return;
      ctx.streams.stdout.write(`${s.bold(`${step.step}. ${step.title}`)}\n${step.lines.map((line) => `   ${line}`).join('\n')}\n\n`);
    },
  });
  const text = report.ok
    ? s.green(`Done: the change reached the shop exactly once (${report.pushes.length} push). Next: ${NEXT[platform]}.`)
    : s.red(`The demo did not complete as expected (${report.pushes.length} pushes); see the steps above.`);
  return { json: report, text, exitCode: report.ok ? ExitCode.ok : ExitCode.platform };
}
