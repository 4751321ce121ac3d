import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; better-sqlite3 statements are reusable, and
 * preparing is a sizeable part of a short query (about a third of an orders page). This wrapper
 * keeps prepared statements by SQL text. Safe because the driver runs one statement at a time per
 * connection (streams included). Bounded: bulk work with `IN (?, ?, …)` lists of every length would
 * otherwise grow it without end.
 */
export function withStatementCache(database: { prepare(sql: string): unknown; close(): unknown }, maxEntries = 500): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close() {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= maxEntries) statements.clear();
        statement = database.prepare(sql) as SqliteStatement;
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
