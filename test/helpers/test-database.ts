import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DialectName } from '../../src/db/dialect.js';

export interface TestDatabase {
  dialect: DialectName;
  /** A `database.url` for a database of its own, empty, not migrated. */
  url: string;
  /**
   * Registers a pool (an app's close, a connection's close) that drop() closes first: dropping a
   * PostgreSQL database WITH (FORCE) ends the sessions of pools still open in this process (57P01).
   */
  closeBeforeDrop(close: () => Promise<void>): void;
  /** Closes every registered pool, then removes the database. */
  drop(): Promise<void>;
}

/** SQLite always; PostgreSQL and MariaDB/MySQL when ECOM_SYNC_TEST_PG_URL / ECOM_SYNC_TEST_MYSQL_URL are set. */
export function testDialects(env: NodeJS.ProcessEnv = process.env): DialectName[] {
  const dialects: DialectName[] = ['sqlite'];
  if (env.ECOM_SYNC_TEST_PG_URL) dialects.push('postgres');
  if (env.ECOM_SYNC_TEST_MYSQL_URL) dialects.push('mysql');
  return dialects;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Each test file gets a database of its own, so files run in parallel without seeing each other. */
export async function createTestDatabase(dialect: DialectName = 'sqlite'): Promise<TestDatabase> {
  const database = await createBareTestDatabase(dialect);
  const closers: Array<() => Promise<void>> = [];
  return {
    ...database,
    closeBeforeDrop: (close) => { closers.push(close); },
    async drop() {
      // Closed newest first, like the app's own resources; one that fails must not keep the database.
      for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
      await database.drop();
    },
  };
}

async function createBareTestDatabase(dialect: DialectName): Promise<Omit<TestDatabase, 'closeBeforeDrop'>> {
  const name = `ecom_sync_test_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-test-'));
    return { dialect, url: `sqlite:${path.join(dir, 'test.db')}`, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  if (dialect === 'postgres') {
    const adminUrl = process.env.ECOM_SYNC_TEST_PG_URL as string;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      dialect,
      url: withDatabase(adminUrl, name),
      drop: async () => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const adminUrl = process.env.ECOM_SYNC_TEST_MYSQL_URL as string;
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({ uri: adminUrl });
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  await admin.end();
  return {
    dialect,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const connection = await mysql.createConnection({ uri: adminUrl });
      await connection.query(`DROP DATABASE IF EXISTS ${name}`);
      await connection.end();
    },
  };
}
