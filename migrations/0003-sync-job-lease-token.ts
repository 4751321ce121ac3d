import type { Kysely } from 'kysely';
import { schemaHelpers } from '../src/db/schema-helpers.js';

/**
 * Sync job fencing and platform waits:
 * - `lease_token`: new for every claim, so that a worker whose lease lapsed (and was claimed again,
 *   even by its own process) can never write to the job: every write matches owner AND token;
 * - `not_before`: the earliest time the platform allows the next attempt (its Retry-After), which
 *   `sync run` does not bring forward as it does ordinary backoffs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const h = schemaHelpers(db);
  await db.schema.alterTable('sync_jobs').addColumn('lease_token', 'varchar(40)').execute();
  await db.schema.alterTable('sync_jobs').addColumn('not_before', h.epochMs).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_jobs').dropColumn('not_before').execute();
  await db.schema.alterTable('sync_jobs').dropColumn('lease_token').execute();
}
