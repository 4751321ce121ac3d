import { EcomSyncError } from '../errors.js';

/**
 * SQLSTATEs of PostgreSQL that mean the session is gone or cannot be had: admin/crash shutdown
 * (57P01–57P03: pg_terminate_backend, a restart, a failover), connection exceptions (08xxx) and
 * too many connections (53300).
 */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
/** Refused at login (while the server is reconfigured or the account is locked): 28000/28P01 bad login, 3D000 no such database. */
const POSTGRES_LOGIN_CODES = new Set(['28000', '28P01', '3D000']);

/** mysql2's codes (and MariaDB's errnos) for a connection that was killed, lost or refused. */
const MYSQL_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'PROTOCOL_ENQUEUE_AFTER_QUIT', 'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR', 'ER_QUERY_INTERRUPTED',
]);
/**
 * 1927 connection killed (MariaDB), 1053 server shutdown, 1040 too many connections, 2006/2013 gone
 * away / lost, 1317 interrupted; at login: 1045 access denied, 4151 (MariaDB) and 3118 (MySQL)
 * account locked — mysql2 names 4151 after MySQL's meaning of the number, so errnos are compared.
 */
const MYSQL_ERRNOS = new Set([1927, 1053, 1040, 2006, 2013, 1317, 1045, 4151, 3118]);

/** Socket-level failures reaching the database server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg and mysql2 report some losses only in words. */
const MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /timeout exceeded when trying to connect/,
  /Can't add new command when connection is in closed state/,
  /Connection lost: The server closed the connection/,
  /Postgres connection has been discarded/,
  /is not currently accepting connections/,
];

/**
 * The database server went away or cannot be reached (a restart, a failover, an idle-timeout proxy,
 * pg_terminate_backend, KILL): the statement did not run, or its transaction was rolled back by the
 * server. Not a bug of the request, and worth trying again once the database is back.
 */
export function isConnectionLoss(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, errno, message, fatal } = current as { code?: unknown; errno?: unknown; message?: unknown; fatal?: unknown };
    if (typeof code === 'string' && (POSTGRES_CODES.has(code) || POSTGRES_LOGIN_CODES.has(code) || MYSQL_CODES.has(code) || NETWORK_CODES.has(code))) return true;
    // mysql2 marks the errors that end a connection (lost, refused, login denied) as fatal.
    if (fatal === true) return true;
    if (typeof errno === 'number' && MYSQL_ERRNOS.has(errno)) return true;
    if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** What the CLI prints and the REST API answers (503) while the database cannot be reached. */
export class DatabaseUnavailableError extends EcomSyncError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('DATABASE_UNAVAILABLE', `the database is unavailable: ${reason}`, { cause });
  }
}
