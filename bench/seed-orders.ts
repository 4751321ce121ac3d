import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database-types.js';

export interface SeedOrdersOptions {
  count: number;
  storeId: number;
  /** Local state every order starts in. */
  stateId: number;
  /** id_origin of the first order (the platform's order ids run from here). */
  firstOrigin?: number;
}

/** Rows per INSERT: 12 columns × 1,000 stays far below SQLite's 32,766 bound parameters. */
const BATCH = 1000;

/** Seeds N orders with batched multi-row inserts in one transaction; returns their ids in order. */
export async function seedOrders(db: Kysely<Database>, options: SeedOrdersOptions): Promise<number[]> {
  const first = options.firstOrigin ?? 1;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < options.count; start += BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(options.count, start + BATCH); i++) {
        const origin = first + i;
        rows.push({
          id_origin: origin,
          id_platform: 1,
          id_store: options.storeId,
          id_order_state: options.stateId,
          reference: `BENCH${String(origin).padStart(8, '0')}`,
          payment: 'Bonifico bancario',
          total_price_with_tax: 122,
          total_price_without_tax: 100,
          total_products: 100,
          total_shipping: 0,
        });
      }
      await trx.insertInto('orders').values(rows).execute();
    }
  });
  const ids = await db.selectFrom('orders').select('id_order').where('id_store', '=', options.storeId).orderBy('id_order').execute();
  return ids.map((row) => row.id_order);
}

export interface BenchStoreOptions {
  name?: string;
  baseUrl?: string;
  apiKey?: string;
}

/** A store row; by default one that is never called (local-only scenarios have no trigger). */
export async function insertStore(db: Kysely<Database>, options: BenchStoreOptions = {}): Promise<number> {
  const name = options.name ?? 'bench';
  await db
    .insertInto('stores')
    .values({ id_platform: 1, name, base_url: options.baseUrl ?? 'http://127.0.0.1:9', api_key: options.apiKey ?? 'BENCHKEY000000000000000000000001' })
    .execute();
  return (await db.selectFrom('stores').select('id_store').where('name', '=', name).executeTakeFirstOrThrow()).id_store;
}
