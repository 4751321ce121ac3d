import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, StoresTable } from '../db/database-types.js';
import { fail } from '../errors.js';

type Db = Kysely<Database> | Transaction<Database>;

export type StoreRow = Selectable<StoresTable> & { platform_name: string };

function selectStores(db: Db) {
  return db.selectFrom('stores').innerJoin('platforms', 'platforms.id_platform', 'stores.id_platform').selectAll('stores').select('platforms.name as platform_name');
}

export async function listStores(db: Db, options: { activeOnly?: boolean } = {}): Promise<StoreRow[]> {
  let query = selectStores(db).orderBy('stores.id_store');
  if (options.activeOnly) query = query.where('stores.is_active', '=', 1);
  return query.execute();
}

export async function findStoreById(db: Db, id: number): Promise<StoreRow | undefined> {
  return selectStores(db).where('stores.id_store', '=', id).executeTakeFirst();
}

export async function getStoreById(db: Db, id: number): Promise<StoreRow> {
  const store = await findStoreById(db, id);
  if (!store) {
    throw fail('STORE_NOT_FOUND', { id });
  }
  return store;
}

export async function findPlatformByName(db: Db, name: string): Promise<{ id_platform: number; name: string } | undefined> {
  const platforms = await db.selectFrom('platforms').select(['id_platform', 'name']).execute();
  return platforms.find((platform) => platform.name.toLowerCase() === name.toLowerCase());
}

/** Records that the platform refused the store's key, so every command can say so until it is fixed. */
export async function markStoreCredentialsFailing(db: Db, storeId: number, message: string, at: string): Promise<void> {
  await db.updateTable('stores').set({ credentials_error: message.slice(0, 500), credentials_failed_at: at }).where('id_store', '=', storeId).execute();
}

export async function clearStoreCredentialsFailure(db: Db, storeId: number): Promise<void> {
  await db.updateTable('stores').set({ credentials_error: null, credentials_failed_at: null }).where('id_store', '=', storeId).where('credentials_error', 'is not', null).execute();
}
