import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { UsageError } from '../../errors.js';
import { packageVersion } from '../package-version.js';
import { parseNonNegativeInt } from '../parse-args.js';

/**
 * `ecom-sync daemon`: JSON logs (one object a line) on stdout for journald or a log shipper; the
 * listening address on stderr for people and scripts. Runs until SIGTERM/SIGINT.
 */
export async function daemonRun(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const { config } = await ctx.loadConfig();
  const host = options.host === undefined ? config.daemon.host : String(options.host).trim();
  if (!host) throw new UsageError('INVALID_ARGUMENT', '--host must not be empty');
  const port = options.port === undefined ? config.daemon.port : parseNonNegativeInt(options.port, '--port');
  if (port > 65_535) throw new UsageError('INVALID_ARGUMENT', `--port must be 0-65535, got ${port}`);
  const insecureNoAuth = Boolean(options.insecureNoAuth);

  const { checkDaemonSecurity, startDaemon } = await import('../../daemon/start-daemon.js');
  // Refuse an unprotected configuration before opening anything.
  checkDaemonSecurity(config.daemon.token, host, insecureNoAuth);
  const signal = ctx.shutdownSignal();

  const { createLogger } = await import('../../logging/create-logger.js');
  const level = ctx.globals.verbose ? (config.log.level === 'trace' ? 'trace' : 'debug') : config.log.level;
  const logger = createLogger({ level, format: 'json', destination: ctx.streams.stdout });
  // The daemon's app logs JSON through the same logger as the server, so the spec's sync messages
  // reach the same stream as the request logs. The context closes the app after the command.
  const app = await ctx.openApp({ logger });
  const { loadDaemonServices } = await import('../../daemon/load-daemon-services.js');
  const daemon = await startDaemon(app, { host, port, insecureNoAuth, signal, services: await loadDaemonServices(), logger, version: packageVersion() });
  ctx.streams.stderr.write(`ecom-sync daemon listening on ${daemon.url}${config.daemon.token ? '' : ' (NO AUTHENTICATION: --insecure-no-auth)'}\n`);
  await daemon.stopped;
  ctx.streams.stderr.write('ecom-sync daemon stopped\n');
  return { json: { stopped: true, url: daemon.url } };
}
