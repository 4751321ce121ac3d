import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../../src/db/connect-database.js';
import type { Database } from '../../../src/db/database-types.js';
import type { DialectName } from '../../../src/db/dialect.js';
import { syncIdSequence } from '../../../src/db/schema-helpers.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { BIN, runCli } from '../../helpers/run-cli.js';

/** Polls until `check` returns something other than undefined/false; `limitMs` only stops a hung test. */
export async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, limitMs = 60_000, everyMs = 25): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface DaemonProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** The prefix of the daemon's app.processId (`host:pid:`): lease owners and app_locks rows start with it. */
  ownerPrefix: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** One JSON log object per line of a daemon's stdout. */
export function logLines(daemon: DaemonProcess): Array<Record<string, unknown>> {
  return daemon.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Spawns the built binary `ecom-sync daemon --port 0 --insecure-no-auth` in `cwd` (its config file there). */
export async function spawnDaemon(cwd: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<DaemonProcess> {
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'daemon', '--port', '0', '--insecure-no-auth'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => { out += chunk; });
  child.stderr.on('data', (chunk) => { err += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await until(() => {
    if (child.exitCode !== null) throw new Error(`the daemon exited with ${child.exitCode}: ${err}`);
    return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1];
  }, 'the daemon to listen', 30_000);
  return { child, url, ownerPrefix: `${hostname()}:${child.pid}:`, stdout: () => out, stderr: () => err, exited };
}

export async function stopDaemon(daemon: DaemonProcess | undefined): Promise<void> {
  if (!daemon || daemon.child.exitCode !== null || daemon.child.signalCode !== null) return;
  daemon.child.kill('SIGTERM');
  const timer = setTimeout(() => daemon.child.kill('SIGKILL'), 10_000);
  await daemon.exited;
  clearTimeout(timer);
}

export interface HealthBody {
  status: string;
  leader: boolean;
  loops: Record<string, { active: boolean; runs: number }>;
}

export async function health(daemon: DaemonProcess): Promise<HealthBody> {
  return (await fetch(`${daemon.url}/health`)).json() as Promise<HealthBody>;
}

export interface ScaleSetup {
  dialect: DialectName;
  dir: string;
  database: TestDatabase;
  connection: DatabaseConnection;
  db: Kysely<Database>;
  sandbox: Sandbox;
  /** For the CLI and the daemons: the database URL and the store's key variable. */
  env: NodeJS.ProcessEnv;
  storeId: number;
  cleanup(): Promise<void>;
}

export interface ScaleOptions {
  orders: number;
  /** Written as ecom-sync.config.yaml in the working directory (the database URL comes from the environment). */
  configYaml: string;
}

/**
 * A shared database of `dialect` set up through the CLI as an operator would (db migrate, stores
 * add, states pull, all with ECOM_SYNC_DATABASE_URL), plus a sandbox shop with `orders` orders.
 */
export async function setUpScale(dialect: DialectName, options: ScaleOptions): Promise<ScaleSetup> {
  const dir = await mkdtemp(path.join(tmpdir(), `ecom-sync-scale-${dialect}-`));
  const database = await createTestDatabase(dialect);
  const sandbox = await startSandbox({ orders: options.orders });
  const env = { ECOM_SYNC_DATABASE_URL: database.url, SCALE_SHOP_KEY: sandbox.apiKey };
  await writeFile(path.join(dir, 'ecom-sync.config.yaml'), options.configYaml);
  let connection: DatabaseConnection | undefined;
  const cleanup = async () => {
    await sandbox.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const cli = async (...args: string[]) => {
      const run = await runCli(['--json', ...args], { cwd: dir, env });
      expect(run.stderr, args.join(' ')).not.toMatch(/^error/m);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };
    const migrated = await cli('db', 'migrate');
    expect(migrated).toMatchObject({ dialect });
    const store = await cli('stores', 'add', '--name', 'scale', '--platform', 'prestashop', '--url', sandbox.url, '--api-key-env', 'SCALE_SHOP_KEY');
    const storeId = Number(store.id_store);
    expect(await cli('states', 'pull')).toMatchObject({ ok: true });
    connection = await connectDatabase(database.url);
    // Closed by database.drop() before the database goes.
    database.closeBeforeDrop(() => (connection as DatabaseConnection).close());
    // The daemons' orders pull at start has nothing to import: these tests are about sync jobs.
    await connection.db.updateTable('stores').set({ orders_watermark: '2099-01-01 00:00:00' }).where('id_store', '=', storeId).execute();
    return { dialect, dir, database, connection, db: connection.db, sandbox, env, storeId, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * `count` orders (id_origin 1..count on the shop) moved locally to `localState`, a trigger to
 * `platformState`, and one pending sync job per order: inserted in batches, as a bulk change
 * would leave them.
 */
export async function seedPendingJobs(setup: ScaleSetup, count: number, localState: number, platformState: number): Promise<void> {
  const { db, storeId } = setup;
  const target = await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state')
    .where('id_store', '=', storeId).where('id_platform_state', '=', platformState).executeTakeFirstOrThrow();
  await db.insertInto('platform_state_triggers').values({
    event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: localState,
    id_state_platform: target.id_ecommerce_order_state, is_active: 1, send_email: null,
  }).execute();
  const trigger = await db.selectFrom('platform_state_triggers').select('id_trigger').where('id_store', '=', storeId).executeTakeFirstOrThrow();
  const now = Date.now();
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await db.insertInto('orders').values(part.map((n) => ({
      id_order: n, id_origin: n, id_platform: 1, id_store: storeId, id_order_state: localState, id_ecommerce_state: null,
      id_shipping: null, id_customer: null, id_address_delivery: null, id_address_invoice: null,
      reference: `SCALE${n}`, payment: 'Bonifico bancario', platform_date_upd: null,
    }))).execute();
    await db.insertInto('sync_jobs').values(part.map((n) => ({
      id_order: n, id_store: storeId, id_trigger: trigger.id_trigger, event_type: 'order_status_changed', id_state_local: localState,
      id_ecommerce_order_state: target.id_ecommerce_order_state, id_platform_state: platformState, id_origin: n,
      send_email: 0, status: 'pending' as const, next_attempt_at: now, lease_owner: null, lease_until: null,
      last_error: null, last_http_status: null, created_at: now, updated_at: now, done_at: null,
    }))).execute();
  }
  await syncIdSequence(db as unknown as Kysely<unknown>, 'orders', 'id_order');
}
