/**
 * A transaction that lost a lock conflict and was rolled back by the database: a deadlock
 * (MySQL/MariaDB 1213, PostgreSQL 40P01), a lock wait timeout (MySQL 1205, PostgreSQL 55P03) or a
 * serialization failure (PostgreSQL 40001). Nothing of it was committed, so running it again is
 * safe; SQLite reports lock waits as SQLITE_BUSY after its busy timeout instead.
 */
export function isLockConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (errno === 1213 || errno === 1205) return true;
  return code === '40P01' || code === '40001' || code === '55P03' || code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/** Runs `work` (one whole transaction) again when the database rolled it back over a lock conflict. */
export async function retryOnLockConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isLockConflict(error)) throw error;
    }
  }
}
