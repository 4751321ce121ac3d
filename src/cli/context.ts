import type { ChalkInstance } from 'chalk';
import type { App, AppOverrides } from '../app-types.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Logger } from '../logging/create-logger.js';
import type { GlobalOptions, OutputStreams } from './output.js';
import { useColor } from './output.js';
import { createProgress, type Progress } from './progress.js';
import { createStyle } from './style.js';

/** Everything a command needs from its surroundings; commands never touch process.* themselves. */
export interface CommandContext {
  globals: GlobalOptions;
  streams: OutputStreams;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Colour on stdout (tables, summaries). */
  color: boolean;
  style: ChalkInstance;
  /** A person at a terminal: prompts may be shown. Never with --json or without a TTY. */
  interactive: boolean;
  loadConfig(): Promise<LoadedConfig>;
  /** Config, migrated database, bus, handlers and platform clients; closed by the CLI after the command. */
  openApp(options?: Pick<AppOverrides, 'skipMigrations' | 'logger'>): Promise<App>;
  logger(): Promise<Logger>;
  progress(label: string, total: number): Progress;
  /**
   * Aborted at the first SIGINT/SIGTERM so long-running commands (daemon, sandbox) stop gracefully;
   * a second signal is left to its default action and ends the process at once.
   */
  shutdownSignal(): AbortSignal;
  /** Called by the CLI once the command is over. */
  dispose(): Promise<void>;
}

export interface ContextInit {
  globals: GlobalOptions;
  streams: OutputStreams;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Tests and the demo pass overrides through to createApp. */
  appOverrides?: AppOverrides;
}

/**
 * Commands show their outcome themselves, so their log stays at warnings unless asked: --verbose
 * (or log.level debug/trace) shows what happens, --quiet only errors. log.level info is the daemon's.
 */
function cliLogLevel(globals: GlobalOptions, configured: string): 'debug' | 'error' | 'warn' | 'trace' {
  if (globals.verbose) return configured === 'trace' ? 'trace' : 'debug';
  if (globals.quiet) return 'error';
  return configured === 'debug' || configured === 'trace' ? configured : 'warn';
}

export function createCommandContext(init: ContextInit): CommandContext {
  const color = useColor(init.streams.stdout, init.env);
  let loaded: Promise<LoadedConfig> | undefined;
  let logger: Promise<Logger> | undefined;
  let app: Promise<App> | undefined;
  let shutdown: { controller: AbortController; detach: () => void } | undefined;

  const context: CommandContext = {
    globals: init.globals,
    streams: init.streams,
    env: init.env,
    cwd: init.cwd,
    color,
    style: createStyle(color),
    interactive: Boolean(init.streams.stdin.isTTY && init.streams.stdout.isTTY) && !init.globals.json,
    loadConfig() {
      loaded ??= import('../config/load-config.js').then(({ loadConfig }) =>
        loadConfig({ explicitPath: init.globals.config, env: init.env, cwd: init.cwd }),
      );
      return loaded;
    },
    logger() {
      logger ??= (async () => {
        const { config } = await context.loadConfig();
        const { createLogger } = await import('../logging/create-logger.js');
        return createLogger({ level: cliLogLevel(init.globals, config.log.level), format: 'plain', destination: init.streams.stderr });
      })();
      return logger;
    },
    openApp(options = {}) {
      app ??= (async () => {
        const { config } = await context.loadConfig();
        const { createApp } = await import('../app.js');
        return createApp(config, options.logger ?? (await context.logger()), { env: init.env, ...init.appOverrides, ...options });
      })();
      return app;
    },
    progress(label, total) {
      return createProgress(init.streams.stderr, label, total, !init.globals.json && !init.globals.quiet);
    },
    shutdownSignal() {
      if (!shutdown) {
        const controller = new AbortController();
        const onSignal = (signal: NodeJS.Signals) => {
          detach();
          controller.abort(new Error(`received ${signal}`));
          // From now on the default action applies: a second Ctrl-C forces the exit.
          const again = () => process.kill(process.pid, signal);
          process.once('SIGINT', again);
          process.once('SIGTERM', again);
        };
        const detach = () => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        shutdown = { controller, detach };
      }
      return shutdown.controller.signal;
    },
    async dispose() {
      shutdown?.detach();
      if (app) {
        const opened = await app.catch(() => undefined);
        await opened?.close();
      }
    },
  };
  return context;
}
