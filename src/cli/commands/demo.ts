import { ExitCode } from '../../errors.js';
import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';

/**
 * `ecom-sync demo`: needs no configuration, store or database of the user's — it works in a
 * temporary directory and removes it. Steps are printed as they happen.
 */
export async function demo(ctx: CommandContext): Promise<CommandResult> {
  const { runDemo } = await import('../../demo/run-demo.js');
  const s = ctx.style;
  const live = !ctx.globals.json && !ctx.globals.quiet;
  const report = await runDemo({
    signal: ctx.shutdownSignal(),
    onStep: (step) => {
      if (!live) return;
      ctx.streams.stdout.write(`${s.bold(`${step.step}. ${step.title}`)}\n${step.lines.map((line) => `   ${line}`).join('\n')}\n\n`);
    },
  });
  const text = report.ok
    ? s.green('Done: the change reached the shop exactly once. Next: `ecom-sync stores add` with your own shop, then `ecom-sync states pull`.')
    : s.red('The demo did not complete as expected; see the steps above.');
  return { json: report, text, exitCode: report.ok ? ExitCode.ok : ExitCode.platform };
}
