import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { EcomSyncError } from '../errors.js';
import type { Database } from './database-types.js';

export interface MigrationReport {
  applied: string[];
  /** Every migration the database has, after the run. */
  current: string[];
}

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new EcomSyncError('MIGRATION_FAILED', `database migration ${failed} failed: ${(result.error as Error).message ?? String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to date; safe to run at every start (a no-op when nothing is new). */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = createMigrator(db);
  const applied = unwrap(await migrator.migrateToLatest());
  const current = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).map((m) => m.name);
  return { applied, current };
}

export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  return (await createMigrator(db).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
