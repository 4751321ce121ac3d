import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import type { TransitionMode } from '../../../src/config/config-types.js';
import type { DialectName } from '../../../src/db/dialect.js';
import { allowTransition } from '../../../src/transitions/index.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import { AUTH, createDaemonFixture, type DaemonFixture } from '../daemon/daemon-fixture.js';
import { addTrigger, seedSyncData } from '../sync/sync-fixtures.js';

export interface TransitionFixture extends DaemonFixture {
  cwd: string;
  /** Runs the CLI against the same database with the fixture's current transitions.mode. */
  cli(args: string[], input?: string): Promise<CliRun>;
  /** Changes transitions.mode for the REST app and the CLI alike. */
  setMode(mode: TransitionMode): Promise<void>;
  put(orderId: number, body: Record<string, unknown>): Promise<LightMyRequestResponse>;
  bulk(body: unknown): Promise<LightMyRequestResponse>;
  history(orderId: number): Promise<Array<{ id_order_state: number; reason: string | null }>>;
  stateOf(orderId: number): Promise<number>;
}

/**
 * A daemon (REST via inject) and a CLI working directory on one fresh database: the sandbox store
 * with orders 1001-1006 in local state 1, triggers 3 -> 3, 4 -> 4, 6 -> 6 (Annullato), PrestaShop's
 * "Annullato" configured as a final platform state, and, unless `rules: false`, the order graph
 * 1 -> 2 -> 3 -> 4 -> 5.
 */
export async function createTransitionFixture(dialect: DialectName, mode: TransitionMode, options: { rules?: boolean } = {}): Promise<TransitionFixture> {
  const f = await createDaemonFixture({ dialect, sandbox: { orders: 10 }, config: { transitions: { mode, final_platform_states: { prestashop: ['Annullato'] } } } });
  const storeId = f.t.storeId!;
  await seedSyncData(f.app, f.t.sandbox!, storeId, { orders: 6 });
  for (const state of [3, 4, 6]) await addTrigger(f.app, storeId, state, state);
  if (options.rules !== false) for (const [from, to] of [[1, 2], [2, 3], [3, 4], [4, 5]] as const) await allowTransition(f.app, { from, to });
  const cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-transitions-'));
  const writeConfig = (m: TransitionMode) => writeFile(path.join(cwd, 'ecom-sync.config.yaml'), [
    'database:', `  url: ${JSON.stringify(f.t.database.url)}`,
    'transitions:', `  mode: ${m}`, '  final_platform_states:', '    prestashop: [Annullato]',
    'sync:', '  backoff_ms: 20', '  backoff_max_ms: 80',
    'log:', '  level: warn', '',
  ].join('\n'));
  await writeConfig(mode);
  return {
    ...f,
    cwd,
    cli: (args, input) => runCli(args, { cwd, ...(input === undefined ? {} : { input }) }),
    async setMode(m) {
      f.app.config.transitions.mode = m;
      await writeConfig(m);
    },
    put: (orderId, body) => f.server.inject({ method: 'PUT', url: `/api/v1/orders/${orderId}/status`, headers: AUTH, payload: body }),
    bulk: (body) => f.server.inject({ method: 'POST', url: '/api/v1/orders/bulk-status', headers: AUTH, payload: body as object }),
    history: async (orderId) => (await f.app.db.selectFrom('orders_history').select(['id_order_state', 'reason']).where('id_order', '=', orderId).orderBy('id_order_history').execute()),
    stateOf: async (orderId) => (await f.app.db.selectFrom('orders').select('id_order_state').where('id_order', '=', orderId).executeTakeFirstOrThrow()).id_order_state,
    async cleanup() {
      await f.cleanup();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}
