import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../app.js';
import type { App } from '../app-types.js';
import { defaultConfig } from '../config/defaults.js';
import { createLogger } from '../logging/create-logger.js';
import type { SetOrderStatusResult } from '../orders/status-change-types.js';
import type { DemoOptions, DemoStep } from './demo-types.js';

/**
 * What every platform's demo shares: a temporary directory with a fresh SQLite database, the
 * app's log captured (so that the sync lines can be shown inside the step that caused them), and
 * the numbered steps reported as they happen. `close` removes everything.
 */
export interface DemoWorkspace {
  directory: string;
  databaseFile: string;
  steps: DemoStep[];
  step(title: string, lines: string[]): void;
  /** Log lines since the last `clearLog`, as the CLI prints them (`INFO - …`). */
  logLines: string[];
  clearLog(): void;
  openApp(): Promise<App>;
  close(): Promise<void>;
}

export async function openDemoWorkspace(options: DemoOptions): Promise<DemoWorkspace> {
  const directory = await mkdtemp(path.join(tmpdir(), 'ecom-sync-demo-'));
  const databaseFile = path.join(directory, 'demo.db');
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'info', format: 'plain',
    destination: new Writable({ write(chunk: Buffer, _e, done) { logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)); done(); } }),
  });
  const steps: DemoStep[] = [];
  let app: App | null = null;
  return {
    directory,
    databaseFile,
    steps,
    logLines,
    step(title, lines) {
      const entry = { step: steps.length + 1, title, lines };
      steps.push(entry);
      options.onStep?.(entry);
    },
    clearLog() {
      logLines.length = 0;
    },
    async openApp() {
      const config = defaultConfig();
      config.database.url = `sqlite:${databaseFile}`;
      config.plugins.stock_auto_update.enabled = false;
      app = await createApp(config, logger, { env: {} });
      return app;
    },
    async close() {
      await app?.close().catch(() => undefined);
      await rm(directory, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** The lines of the status-change step: the result, its sync job and what the sync logged. */
export function statusChangeLines(result: SetOrderStatusResult, logLines: readonly string[]): string[] {
  const sync = result.sync;
  return [
    `${result.message}: ${result.old_state} → ${result.new_state}`,
    sync === null ? `not pushed: ${result.sync_note ?? ''}` : `sync job ${sync.id_sync_job}: ${sync.status}${sync.error ? ` — ${sync.error}` : ''}`,
    ...logLines.filter((line) => line.startsWith('INFO - ') || line.startsWith('ERROR - ')),
  ];
}

/** The local order a demo changes: the first imported one for which `eligible` holds. */
export async function firstImportedOrder(app: App, storeId: number, eligible: (idOrigin: number, platformCode: string | null) => boolean) {
  const orders = await app.db.selectFrom('orders')
    .leftJoin('ecommerce_order_states as e', 'e.id_ecommerce_order_state', 'orders.id_ecommerce_state')
    .select(['orders.id_order', 'orders.id_origin', 'orders.reference', 'orders.id_order_state', 'orders.total_price_with_tax', 'e.code'])
    .where('orders.id_store', '=', storeId).orderBy('orders.id_order').execute();
  const chosen = orders.find((o) => o.id_origin !== null && eligible(o.id_origin, o.code));
  return { orders, chosen: chosen ?? null };
}

export function money(value: unknown): string {
  return `€ ${Number(value).toFixed(2)}`;
}
