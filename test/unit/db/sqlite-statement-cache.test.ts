import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../src/db/sqlite-statement-cache.js';

function countingDatabase() {
  const real = new Database(':memory:');
  const prepared: string[] = [];
  return {
    prepared,
    db: { prepare: (sql: string) => { prepared.push(sql); return real.prepare(sql); }, close: () => real.close() },
  };
}

describe('withStatementCache', () => {
  it('prepares each SQL text once and reuses the statement', () => {
    const { db, prepared } = countingDatabase();
    const cached = withStatementCache(db);
    cached.prepare('CREATE TABLE t (x INTEGER)').run([]);
    for (let i = 0; i < 3; i += 1) cached.prepare('INSERT INTO t (x) VALUES (?)').run([i]);
    expect(cached.prepare('SELECT count(*) AS n FROM t').all([])).toEqual([{ n: 3 }]);
    expect(prepared).toEqual(['CREATE TABLE t (x INTEGER)', 'INSERT INTO t (x) VALUES (?)', 'SELECT count(*) AS n FROM t']);
  });

  it('stays bounded: past its size it starts again', () => {
    const { db, prepared } = countingDatabase();
    const cached = withStatementCache(db, 2);
    for (const sql of ['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 1']) cached.prepare(sql);
    expect(prepared).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 1']);
    cached.close();
  });
});
