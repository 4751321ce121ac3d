import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from './dialect.js';

/**
 * The few places where the three dialects differ in DDL, so that migrations stay portable:
 * auto-increment keys, DATETIME, 0/1 flags and epoch-millisecond columns.
 */
export interface SchemaHelpers {
  dialect: DialectName;
  /** `CREATE TABLE` with the auto-increment primary key `name`. */
  createTable<T extends string>(name: T, idColumn: string): CreateTableBuilder<T, string>;
  dateTime: 'timestamp' | 'datetime';
  flag: 'smallint' | 'integer';
  epochMs: 'bigint' | 'integer';
  /** Text up to a few MB (MySQL's TEXT stops at 64 kB). */
  longText: ColumnDataType | Expression<unknown>;
  /** DEFAULT CURRENT_TIMESTAMP. */
  now: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

export function schemaHelpers(db: Kysely<unknown>): SchemaHelpers {
  const dialect = dialectOf(db);
  return {
    dialect,
    createTable: (name, idColumn) =>
      db.schema.createTable(name).addColumn(idColumn, dialect === 'postgres' ? 'serial' : 'integer', (col) =>
        dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement(),
      ),
    dateTime: dialect === 'postgres' ? 'timestamp' : 'datetime',
    flag: dialect === 'sqlite' ? 'integer' : 'smallint',
    epochMs: dialect === 'sqlite' ? 'integer' : 'bigint',
    longText: dialect === 'mysql' ? sql`mediumtext` : 'text',
    now: (col) => col.notNull().defaultTo(sql`CURRENT_TIMESTAMP`),
  };
}

/**
 * After rows were inserted with explicit ids, PostgreSQL's sequence still starts at 1: move it past
 * the largest id so that the next insert without an id does not collide. Other dialects track this.
 */
export async function syncIdSequence(db: Kysely<unknown>, table: string, idColumn: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`SELECT setval(pg_get_serial_sequence(${table}, ${idColumn}), (SELECT MAX(${sql.ref(idColumn)}) FROM ${sql.table(table)}))`.execute(db);
}
