import type { FastifyInstance } from 'fastify';
import type { App } from '../app-types.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logging/create-logger.js';
import { isLoopbackHost } from './bearer-auth.js';
import { buildServer } from './build-server.js';
import type { DaemonServices } from './daemon-services.js';
import { createDaemonStatus, type DaemonStatus } from './daemon-status.js';
import { createInitCache } from './init-cache.js';
import { createLeaderLock } from './leader-lock.js';
import { quietSleep, runPeriodicLoop, runWorkerLoop } from './loops.js';
import { createSerialRunner } from './serial-runner.js';
import { neutralOrderRefresher } from '../pull/neutral-order-refresher.js';
import { startInboxWorker, type InboxWorker } from '../webhooks/inbox-worker.js';
import type { OrderRefresher } from '../webhooks/process-inbound-events.js';

export interface StartDaemonOptions {
  host: string;
  port: number;
  insecureNoAuth?: boolean;
  /** Aborted at SIGTERM/SIGINT: stop accepting, finish in-flight deliveries, release leases. */
  signal: AbortSignal;
  services: DaemonServices;
  /** The daemon's JSON logger; default app.logger. */
  logger?: Logger;
  version?: string;
  /** How long the loops' leader lease lasts without renewal (a dead leader is replaced after it); default sync.lease_ms. */
  leaderLeaseMs?: number;
  /** Jobs per deliverDueJobs call; default workerBatch(sync.concurrency_per_store). */
  workerBatch?: number;
  /** Reads and applies the order a webhook names; default: through the store's platform port. */
  orderRefresher?: OrderRefresher;
}

export interface RunningDaemon {
  url: string;
  port: number;
  server: FastifyInstance;
  status: DaemonStatus;
  /** Resolves when the daemon has shut down after the signal. */
  stopped: Promise<void>;
}

const MIN_TOKEN_LENGTH = 16;

/**
 * Jobs per worker pass: sixteen per delivery slot of a store (64 at the default concurrency of 4).
 * Each pass pays a fixed cost (dead owners, triggers, stores with work, the stale-job check), so a
 * bigger pass is cheaper per job; jobs are still claimed two per slot at a time, so a claimed job
 * waits only for a couple of deliveries, far within its lease. Bounded by the concurrency so that a
 * pass still ends within a few seconds and reloads the triggers (a disabled trigger is seen soon).
 */
export function workerBatch(concurrencyPerStore: number): number {
  return Math.max(20, concurrencyPerStore * 16);
}

/** Refuses configurations that would expose the API without (or with a guessable) token. */
export function checkDaemonSecurity(token: string | null, host: string, insecureNoAuth: boolean): void {
  if (token) {
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new ConfigError(`daemon.token is too short (${token.length} characters; at least ${MIN_TOKEN_LENGTH})`, {
        hint: 'Generate one: export ECOM_SYNC_API_TOKEN=$(openssl rand -hex 32)',
      });
    }
    return;
  }
  if (!insecureNoAuth) {
    throw new ConfigError('the daemon needs an API token: every route but /health requires `Authorization: Bearer <token>`', {
      hint: 'export ECOM_SYNC_API_TOKEN=$(openssl rand -hex 32) (or set daemon.token); for local development only: --insecure-no-auth with --host 127.0.0.1',
    });
  }
  if (!isLoopbackHost(host)) {
    throw new ConfigError(`--insecure-no-auth is allowed only on a loopback address, not ${host}`, {
      hint: 'Bind to 127.0.0.1 or set ECOM_SYNC_API_TOKEN.',
    });
  }
}

/**
 * Listens and runs the loops: the states pull at start and every daemon.states_interval_s, the
 * orders pull every daemon.orders_interval_s (both only in the process holding the leader lease),
 * the sync worker (in every daemon: jobs are leased one by one) and the webhook subscriptions check
 * (in every daemon, every daemon.webhook_check_s).
 */
export async function startDaemon(app: App, options: StartDaemonOptions): Promise<RunningDaemon> {
  const config = app.config.daemon;
  const token = config.token;
  checkDaemonSecurity(token, options.host, Boolean(options.insecureNoAuth));
  const logger = options.logger ?? app.logger;
  const { services, signal } = options;
  const status = createDaemonStatus(app.clock.now());
  const statesRunner = createSerialRunner();
  const initCache = createInitCache(app, config.init_cache_ttl_s);

  // Started once listening; a delivery stored before that is picked up by the worker's first run.
  let inbox: InboxWorker | null = null;
  const server = buildServer(app, {
    services, token, insecureNoAuth: Boolean(options.insecureNoAuth) && !token, logger, statesRunner, status, initCache, signal,
    onWebhookStored: () => inbox?.wake(),
    ...(options.version ? { version: options.version } : {}),
  });
  try {
    await server.listen({ host: options.host, port: options.port });
  } catch (error) {
    await server.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new ConfigError(`cannot listen on ${options.host}:${options.port}: ${code}`, {
        hint: code === 'EADDRINUSE' ? 'Another process uses that port: choose another with --port (0 = any free port).' : 'Check --host/--port (daemon.host, daemon.port).',
        cause: error,
      });
    }
    throw error;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}`;
  if (!token) logger.warn('the REST API runs WITHOUT authentication (--insecure-no-auth); loopback only');

  // sync.lease_ms: the same bound as for a dead worker's jobs, set in the config file.
  const leaseMs = options.leaderLeaseMs ?? app.config.sync.lease_ms;
  const heartbeatMs = Math.max(1, Math.floor(leaseMs / 3));
  const lock = createLeaderLock(app.db, { name: 'loops', owner: app.processId, leaseMs, now: () => app.clock.now() });
  const sleep = quietSleep((ms, s) => app.clock.sleep(ms, s));
  const now = () => app.clock.now();

  const checkLeadership = async () => {
    try {
      const held = await lock.tryAcquire();
      if (held !== status.leader) logger.info(held ? 'this daemon now runs the periodic pulls (leader lock taken)' : 'another daemon runs the periodic pulls');
      status.leader = held;
    } catch (error) {
      logger.error({ err: error }, 'cannot take or renew the leader lock');
      status.leader = lock.isHeld();
    }
  };
  // Decided before the loops start, so that the leader's first states pull runs at once.
  await checkLeadership();
  const heartbeat = async () => {
    for (;;) {
      await sleep(heartbeatMs, signal);
      if (signal.aborted) return;
      await checkLeadership();
    }
  };

  const deliveryDeadline = new AbortController();
  const common = { now, sleep, signal, logger, status, followerPollMs: heartbeatMs, mayRun: () => lock.isHeld() };
  const loops = [
    heartbeat(),
    runPeriodicLoop({
      ...common,
      name: 'states_pull',
      intervalMs: config.states_interval_s * 1000,
      run: async (s) => {
        await statesRunner.run(() => services.pullStates(app, { signal: s }));
        initCache.invalidate();
      },
    }),
    runPeriodicLoop({ ...common, name: 'orders_pull', intervalMs: config.orders_interval_s * 1000, run: (s) => services.pullOrders(app, { signal: s }) }),
    runWorkerLoop({
      now, sleep, signal, logger, status,
      pollMs: config.worker_poll_ms,
      deliverySignal: deliveryDeadline.signal,
      deliver: async (s) => {
        const result = await services.deliverDueJobs(app, { signal: s, limit: options.workerBatch ?? workerBatch(app.config.sync.concurrency_per_store) });
        return result.delivered + result.failed;
      },
    }),
  ];
  if (config.webhook_check_s > 0) {
    // In every daemon (one list call per webhook store per run), so that each one's /health says
    // whether a platform disabled a subscription. The first check waits one interval: a restart
    // costs the shops nothing, and `webhooks status --check` asks at once.
    const intervalMs = config.webhook_check_s * 1000;
    loops.push(runPeriodicLoop({
      ...common,
      name: 'webhook_check',
      mayRun: () => true,
      intervalMs,
      firstRunAfterMs: intervalMs,
      run: async (s) => {
        status.webhook_subscriptions = await services.checkWebhookSubscriptions(app, { signal: s });
      },
    }));
  }
  // The webhook inbox runs in every daemon (events are leased one by one, like jobs).
  inbox = startInboxWorker(
    { db: app.db, logger, now, processId: app.processId, refresher: options.orderRefresher ?? neutralOrderRefresher(app) },
    { pollMs: config.worker_poll_ms, signal, onSummary: (summary) => logger.info({ outcomes: summary.outcomes }, `webhook inbox: ${summary.processed} events processed`) },
  );
  loops.push(inbox.stopped);
  logger.info({ url }, `ecom-sync daemon listening on ${url}`);

  const stopped = new Promise<void>((resolve) => {
    const stop = async () => {
      logger.info('shutting down: no new requests or deliveries; waiting for work in flight');
      // Deliveries in flight get shutdown_timeout_ms; then their signal aborts them (the job lease
      // is released below, so another worker can take them over at once).
      const deadline = new AbortController();
      const timer = app.clock.sleep(config.shutdown_timeout_ms, deadline.signal).then(() => {
        logger.warn(`shutdown deadline (${config.shutdown_timeout_ms} ms) reached: aborting deliveries in flight`);
        deliveryDeadline.abort(new Error('shutdown deadline reached'));
      }, () => undefined);
      try {
        await Promise.all([server.close(), ...loops]);
      } catch (error) {
        logger.error({ err: error }, 'error while stopping');
      }
      deadline.abort();
      await timer;
      try {
        await services.releaseLeases(app);
        await lock.release();
      } catch (error) {
        logger.error({ err: error }, 'cannot release the leases; they expire on their own');
      }
      logger.info('daemon stopped');
      resolve();
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
  });
  return { url, port, server, status, stopped };
}
