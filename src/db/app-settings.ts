import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Bumped by every states pull; readers (the daemon's init cache) compare it to know their copy is stale. */
export const STATES_VERSION = 'ecommerce_order_states_version';

export async function readSetting(db: Db, name: string): Promise<string | null> {
  const row = await db.selectFrom('app_settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * The same read compiled once, for a setting read on every request (the init cache's version):
 * building and compiling the query each time cost more than running it.
 */
export function settingReader(db: Kysely<Database>, name: string): () => Promise<string | null> {
  const query = db.selectFrom('app_settings').select('value').where('name', '=', name).compile();
  return async () => (await db.executeQuery(query)).rows[0]?.value ?? null;
}

export async function writeSetting(db: Db, name: string, value: string): Promise<void> {
  const updated = await db.updateTable('app_settings').set({ value }).where('name', '=', name).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto('app_settings').values({ name, value }).execute();
  }
}

/** Marks the e-commerce state catalogue as changed (any process may have cached it). */
export async function bumpStatesVersion(db: Db, now: number): Promise<string> {
  const value = `${now}-${Math.random().toString(36).slice(2, 8)}`;
  await writeSetting(db, STATES_VERSION, value);
  return value;
}
