import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionLoss } from '../../../src/db/connection-loss.js';
import { createTestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

/** Ends every session of `url`'s database from outside, as a restart, a failover or DROP DATABASE … WITH (FORCE) does. */
async function endSessions(dialect: 'postgres' | 'mysql', url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  if (dialect === 'postgres') {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: process.env.ECOM_SYNC_TEST_PG_URL as string });
    await admin.connect();
    const result = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await admin.end();
    return result.rowCount ?? 0;
  }
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({ uri: process.env.ECOM_SYNC_TEST_MYSQL_URL as string });
  const [rows] = await admin.query('SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()', [name]);
  for (const row of rows as Array<{ id: number }>) await admin.query(`KILL ${Number(row.id)}`).catch(() => undefined);
  await admin.end();
  return (rows as unknown[]).length;
}

describe('errors that mean the database went away', () => {
  it('are told apart from bugs and bad input, through causes too', () => {
    const lost = [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }),
      Object.assign(new Error('Access denied, this account is locked'), { errno: 4151 }),
      Object.assign(new Error('Connection was killed'), { errno: 1927 }),
      new Error('wrapped', { cause: Object.assign(new Error('the database system is shutting down'), { code: '57P03' }) }),
    ];
    for (const error of lost) expect(isConnectionLoss(error), error.message).toBe(true);
    const notLost = [
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      Object.assign(new Error('Deadlock found'), { errno: 1213 }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a string',
      null,
    ];
    for (const error of notLost) expect(isConnectionLoss(error), String(error)).toBe(false);
    const wrapped = new DatabaseUnavailableError(lost[0]);
    expect(wrapped).toMatchObject({ code: 'DATABASE_UNAVAILABLE', httpStatus: 503, exitCode: 3 });
    expect(wrapped.hint).toMatch(/retry/);
  });
});

for (const dialect of testDialects().filter((d): d is 'postgres' | 'mysql' => d !== 'sqlite')) {
  describe(`${dialect}: an app whose idle pooled sessions are ended by the server`, () => {
    it('logs it, does not throw from the pool, and the next query opens a new session', async () => {
      const t = await createTestApp({ dialect, sandbox: false });
      try {
        // Several sessions in the pool, idle after these.
        await Promise.all(Array.from({ length: 4 }, () => sql`select 1`.execute(t.app.db)));
        const ended = await endSessions(dialect, t.database.url);
        expect(ended).toBeGreaterThan(0);
        // The pool hears of it on each idle session: a warning, no uncaught 'error' event (vitest fails the run on one).
        const warned = () => t.log.lines.filter((l) => l.includes('database connection lost')).length;
        for (let i = 0; i < 250 && warned() < ended; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(warned()).toBeGreaterThanOrEqual(ended);
        expect(t.log.lines.filter((l) => l.startsWith('WARNING - database connection lost'))).toEqual(t.log.lines.filter((l) => l.includes('database connection lost')));
        const rows = await t.app.db.selectFrom('sync_jobs').select('id_sync_job').execute();
        expect(rows).toEqual([]);
      } finally {
        await t.cleanup();
      }
    });
  });
}
