import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/db/dialect.js';
import { logLines, seedPendingJobs, setUpScale, spawnDaemon, stopDaemon, until, type DaemonProcess, type ScaleSetup } from '../scale/scale-fixture.js';

const ORDERS = 40;
/** The seeded jobs push local state 3 to PrestaShop's 3; the status changes over HTTP go to 4 (a trigger to 4). */
const SEEDED_STATE = 3;
const CHANGED_STATE = 4;

const CONFIG = [
  // Short leases: a delivery cut off by the outage is taken over within seconds once the database is back.
  'sync: { lease_ms: 4000, concurrency_per_store: 4, backoff_ms: 20, backoff_max_ms: 80, connect_timeout_ms: 1000, total_timeout_ms: 3000, retry_after_failure_ms: 50, retry_after_failure_max_ms: 200 }',
  'daemon: { worker_poll_ms: 50, states_interval_s: 3600, orders_interval_s: 3600, shutdown_timeout_ms: 5000 }',
  '',
].join('\n');

/** What the database server does to the daemon: end its sessions, refuse new ones for a while. */
interface DatabaseServer {
  /** The URL the daemon connects with. */
  daemonUrl: string;
  /** pg_terminate_backend / KILL on every session of the daemon's database (or user). */
  killSessions(): Promise<number>;
  /** New sessions are refused (true) or allowed again (false). */
  refuseLogins(refuse: boolean): Promise<void>;
  close(): Promise<void>;
}

function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

async function postgresServer(setup: ScaleSetup): Promise<DatabaseServer> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: process.env.ECOM_SYNC_TEST_PG_URL as string });
  await admin.connect();
  const name = databaseName(setup.database.url);
  return {
    daemonUrl: setup.database.url,
    async killSessions() {
      const result = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      return result.rowCount ?? 0;
    },
    async refuseLogins(refuse) {
      // What a server that is restarting or failing over looks like to a client: no session at all.
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${refuse ? 'false' : 'true'}`);
    },
    close: () => admin.end(),
  };
}

async function mysqlServer(setup: ScaleSetup): Promise<DatabaseServer> {
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({ uri: process.env.ECOM_SYNC_TEST_MYSQL_URL as string });
  const name = databaseName(setup.database.url);
  // The daemon gets an account of its own, so that its sessions can be told apart and its logins refused.
  const user = `outage_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
  await admin.query(`GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${user}'@'%'`);
  const daemonUrl = new URL(setup.database.url);
  daemonUrl.username = user;
  daemonUrl.password = password;
  return {
    daemonUrl: daemonUrl.toString(),
    async killSessions() {
      const [rows] = await admin.query('SELECT id FROM information_schema.processlist WHERE user = ?', [user]);
      let killed = 0;
      for (const row of rows as Array<{ id: number }>) {
        try {
          await admin.query(`KILL ${Number(row.id)}`);
          killed += 1;
        } catch {
          // The session ended between the list and the KILL.
        }
      }
      return killed;
    },
    async refuseLogins(refuse) {
      await admin.query(`ALTER USER '${user}'@'%' ACCOUNT ${refuse ? 'LOCK' : 'UNLOCK'}`);
    },
    async close() {
      await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
      await admin.end();
    },
  };
}

interface Answer {
  order: number;
  status: number;
  code?: string;
  hint?: boolean;
}

async function putStatus(daemon: DaemonProcess, order: number, state: number): Promise<Answer> {
  const res = await fetch(`${daemon.url}/api/v1/orders/${order}/status`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id_order_state: state }),
  }).catch(() => undefined);
  // No answer at all (a crashed daemon): status 0, reported with the others below.
  if (!res) return { order, status: 0, code: `no answer; daemon stderr: ${daemon.stderr().slice(-2000)}` };
  const body = await res.json() as { error?: { code: string; hint?: string } };
  return { order, status: res.status, ...(body.error ? { code: body.error.code, hint: Boolean(body.error.hint) } : {}) };
}

async function healthStatus(daemon: DaemonProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${daemon.url}/health`);
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

/**
 * A real `ecom-sync daemon` process on PostgreSQL or MariaDB while the database ends its sessions
 * (pg_terminate_backend / KILL, as a restart, a failover or an idle-timeout proxy does) and then
 * refuses logins for a while, with status changes and deliveries running.
 */
export function describeDatabaseOutage(dialect: DialectName): void {
  describe(`${dialect}: the database goes away under a running daemon and comes back`, () => {
    let setup: ScaleSetup;
    let server: DatabaseServer;
    let daemon: DaemonProcess | undefined;

    beforeAll(async () => {
      setup = await setUpScale(dialect, { orders: ORDERS, configYaml: CONFIG });
      server = dialect === 'postgres' ? await postgresServer(setup) : await mysqlServer(setup);
    }, 120_000);
    afterAll(async () => {
      await server?.refuseLogins(false).catch(() => undefined);
      await stopDaemon(daemon);
      await server?.close();
      await setup?.cleanup();
    }, 60_000);

    it('keeps serving (503 DATABASE_UNAVAILABLE, never a crash or a 500), reconnects, resumes its loops; every status change is recorded whole with its job or refused', async () => {
      const { db, sandbox, storeId } = setup;
      daemon = await spawnDaemon(setup.dir, { ...setup.env, ECOM_SYNC_DATABASE_URL: server.daemonUrl });
      const first = await healthStatus(daemon);
      expect(first.status).toBe(200);
      expect(first.body.queue).toEqual({ pending: 0, running: 0, failed: 0, oldest_pending_age_s: null });

      // Deliveries in flight: ORDERS pending jobs to a slow shop; status changes to CHANGED_STATE over HTTP.
      sandbox.faults.setLatency(60);
      await seedPendingJobs(setup, ORDERS, SEEDED_STATE, SEEDED_STATE);
      const changed = await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state')
        .where('id_store', '=', storeId).where('id_platform_state', '=', CHANGED_STATE).executeTakeFirstOrThrow();
      await db.insertInto('platform_state_triggers').values({
        event_type: 'order_status_changed', id_store: storeId, state_type: 'order_state', id_state_local: CHANGED_STATE,
        id_state_platform: changed.id_ecommerce_order_state, is_active: 1, send_email: null,
      }).execute();

      const answers: Answer[] = [];
      let next = 1;
      const LAST_DURING_TRAFFIC = ORDERS - 2;
      const client = async () => {
        while (next <= LAST_DURING_TRAFFIC) {
          const order = next;
          next += 1;
          answers.push(await putStatus(daemon as DaemonProcess, order, CHANGED_STATE));
        }
      };
      const traffic = Promise.all([client(), client()]);

      // Sessions ended again and again while requests and deliveries run.
      let killed = 0;
      for (let round = 0; round < 12; round += 1) {
        killed += await server.killSessions();
        await new Promise((resolve) => setTimeout(resolve, 80));
      }
      expect(killed).toBeGreaterThan(0);

      // Then no session at all for a while: the daemon answers 503 with a clear error.
      await server.refuseLogins(true);
      await server.killSessions();
      const down = await until(async () => { const h = await healthStatus(daemon as DaemonProcess); return h.status === 503 ? h : undefined; }, 'a 503 from /health', 20_000, 50);
      expect(down.body).toMatchObject({ status: 'degraded', db: 'error', queue: null });
      const refused = await putStatus(daemon, ORDERS - 1, CHANGED_STATE);
      expect(refused).toEqual({ order: ORDERS - 1, status: 503, code: 'DATABASE_UNAVAILABLE', hint: true });
      answers.push(refused);
      expect(daemon.child.exitCode).toBeNull();

      // The database is back: 200 again, without a restart of the daemon.
      await server.refuseLogins(false);
      await traffic;
      await until(async () => ((await healthStatus(daemon as DaemonProcess)).status === 200 ? true : undefined), 'a 200 from /health', 20_000, 50);
      const after = await putStatus(daemon, ORDERS, CHANGED_STATE);
      expect(after.status).toBe(200);
      answers.push(after);

      // Every answer was a 200 or a 503 DATABASE_UNAVAILABLE: no 500, no other error.
      expect(answers).toHaveLength(ORDERS);
      const unexpected = answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE' && a.hint));
      expect(unexpected, JSON.stringify(logLines(daemon).filter((l) => Number(l.level) >= 50).slice(0, 5))).toEqual([]);
      console.info(`${dialect}: ${killed} sessions ended; ${answers.filter((a) => a.status === 200).length} changes answered 200, ${answers.filter((a) => a.status === 503).length} answered 503`);

      // The worker resumes: every job is delivered or given up once the cut-off leases have expired.
      const open = async () => Number((await db.selectFrom('sync_jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['pending', 'running']).executeTakeFirstOrThrow()).n);
      await until(async () => ((await open()) === 0 ? true : undefined), 'no pending or running job', 60_000, 200);
      // The leader lock is taken again at a heartbeat after the outage (lease_ms / 3).
      const health = await until(async () => { const h = await healthStatus(daemon as DaemonProcess); return h.body.leader === true ? h : undefined; }, 'the leader lock again', 20_000, 100);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', db: 'ok', leader: true, queue: { pending: 0, running: 0 } });

      // Nothing half-written: per order, the new state, its history row and its sync job all or none.
      const orders = await db.selectFrom('orders').select(['id_order', 'id_order_state']).where('id_order', '<=', ORDERS).execute();
      const histories = await db.selectFrom('orders_history').select(['id_order']).where('id_order_state', '=', CHANGED_STATE).execute();
      const jobs = await db.selectFrom('sync_jobs').select(['id_order']).where('id_state_local', '=', CHANGED_STATE).execute();
      const count = (rows: Array<{ id_order: number }>, order: number) => rows.filter((r) => r.id_order === order).length;
      const inconsistent: string[] = [];
      for (const order of orders) {
        const expected = order.id_order_state === CHANGED_STATE ? 1 : 0;
        if (order.id_order_state !== CHANGED_STATE && order.id_order_state !== SEEDED_STATE) inconsistent.push(`order ${order.id_order}: state ${order.id_order_state}`);
        if (count(histories, order.id_order) !== expected || count(jobs, order.id_order) !== expected) {
          inconsistent.push(`order ${order.id_order}: state ${order.id_order_state}, ${count(histories, order.id_order)} history rows, ${count(jobs, order.id_order)} jobs`);
        }
      }
      expect(inconsistent).toEqual([]);
      // A change answered 200 is recorded; the one refused while no session could be had is not.
      const byId = new Map(orders.map((o) => [o.id_order, o.id_order_state]));
      expect(answers.filter((a) => a.status === 200 && byId.get(a.order) !== CHANGED_STATE)).toEqual([]);
      expect(byId.get(ORDERS - 1)).toBe(SEEDED_STATE);

      // The daemon said what happened, and never crashed.
      const lines = logLines(daemon);
      expect(lines.some((l) => typeof l.msg === 'string' && l.msg.startsWith('database connection lost'))).toBe(true);
      expect(daemon.stderr()).not.toMatch(/Unhandled 'error' event|uncaught/i);
      expect(daemon.child.exitCode).toBeNull();
      daemon.child.kill('SIGTERM');
      expect(await daemon.exited).toEqual({ code: 0, signal: null });
    }, 150_000);
  });
}
