import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import { ConfigError, EcomSyncError } from '../errors.js';
import type { Database } from './database-types.js';
import { dialectOfUrl, type DialectName } from './dialect.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import { maskUrlCredentials } from '../logging/redact-url.js';

export interface DatabaseConnection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The URL with any password hidden, for messages. */
  displayUrl: string;
  close(): Promise<void>;
}

/**
 * Told about every error a pool or one of its connections raises outside a query (the server ended
 * the session: a restart, a failover, an idle-timeout proxy, pg_terminate_backend, KILL). The broken
 * connection is dropped from the pool and the next query opens a new one; a query that was running
 * on it fails with its own error.
 */
export type PoolErrorListener = (error: Error) => void;

export interface ConnectOptions {
  /** Default: ignore (the pool recovers by itself); the app logs them. */
  onPoolError?: PoolErrorListener;
}

/** The URL with its password (and secret query parameters) hidden; the user name stays. */
export function redactUrl(url: string): string {
  return maskUrlCredentials(url, { keepUser: true });
}

async function sqliteDialect(url: string): Promise<Dialect> {
  const file = url.slice('sqlite:'.length);
  const { default: SqliteDatabase } = await import('better-sqlite3');
  let database;
  try {
    database = new SqliteDatabase(file);
  } catch (error) {
    throw new ConfigError(`cannot open the SQLite database ${file}: ${(error as Error).message}`, {
      hint: 'Check database.url (or ECOM_SYNC_DATABASE_URL) and that its folder exists and is writable.',
      cause: error,
    });
  }
  // WAL lets readers (the daemon's API) run while a writer commits; the busy timeout makes a second
  // process (cron, an operator's CLI) wait for the lock instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  return new SqliteDialect({ database: withStatementCache(database) });
}

async function postgresDialect(url: string, onPoolError: PoolErrorListener): Promise<Dialect> {
  const { default: pg } = await import('pg');
  const parse = (value: string) => value;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Every session in UTC, and DATETIME/BIGINT returned the same way as on SQLite: strings for
    // timestamps, numbers for epoch milliseconds.
    options: '-c TimeZone=UTC',
    // A server that does not answer (a failover in progress) fails the query instead of queueing it forever.
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === 1114 || oid === 1184) return (value: string) => parse(value).slice(0, 19);
        if (oid === 20) return (value: string) => Number(value);
        if (oid === 1700) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An EventEmitter 'error' without a listener kills the process. pg's pool forwards the errors of
  // idle clients to the pool; a client checked out (between two statements of a transaction, or
  // while its query runs) emits them on itself, so every client gets a listener of its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', onPoolError);
  });
  return new PostgresDialect({ pool });
}

async function mysqlDialect(url: string, onPoolError: PoolErrorListener): Promise<Dialect> {
  const { createPool } = await import('mysql2');
  const pool = createPool({
    uri: url,
    connectionLimit: 10,
    timezone: 'Z',
    dateStrings: true,
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  pool.on('connection', (connection) => {
    // mysql2's pool connection removes itself from the pool on its first error with a `once`
    // listener; a second error (or one raised after it) would be unhandled without this one.
    connection.on('error', onPoolError);
    // With a callback, a session killed before these ran reports to it instead of throwing.
    const report = (error: Error | null) => { if (error) onPoolError(error); };
    connection.query("SET time_zone = '+00:00'", report);
    // PostgreSQL's default isolation on MySQL/MariaDB too (InnoDB defaults to REPEATABLE READ): the
    // same code sees the same rows on both, and InnoDB takes no gap locks, which made concurrent
    // status changes and job claims of several daemons block and deadlock each other.
    connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', report);
  });
  return new MysqlDialect({ pool });
}

/** Opens the database named by `database.url`; drivers are imported only for the dialect in use. */
export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<DatabaseConnection> {
  const dialect = dialectOfUrl(url);
  const onPoolError = options.onPoolError ?? (() => undefined);
  const kyselyDialect =
    dialect === 'postgres' ? await postgresDialect(url, onPoolError) : dialect === 'mysql' ? await mysqlDialect(url, onPoolError) : await sqliteDialect(url);
  const db = new Kysely<Database>({ dialect: kyselyDialect });
  const displayUrl = redactUrl(url);
  if (dialect !== 'sqlite') {
    // The pools connect lazily: try once now, so that a wrong host, database or password is
    // reported as such (and not as a failed migration or the first query's error).
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      await db.destroy().catch(() => undefined);
      throw new EcomSyncError('DATABASE_UNREACHABLE', `cannot connect to the database ${displayUrl}: ${(error as Error).message}`, { cause: error });
    }
  }
  return {
    db,
    dialect,
    displayUrl,
    close: () => db.destroy(),
  };
}
