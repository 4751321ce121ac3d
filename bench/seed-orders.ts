import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database-types.js';

export interface SeedOrdersOptions {
  count: number;
  storeId: number;
  /** Local state every order starts in. */
  stateId: number;
  /** id_origin of the first order (the platform's order ids run from here). */
  firstOrigin?: number;
  /** The platform's order ids, one per order (instead of firstOrigin + i). */
  origins?: readonly number[];
  /** id_ecommerce_state values to spread over the orders (round robin); none by default. */
  ecommerceStateIds?: readonly number[];
  /** id_customer values to spread over the orders (round robin); none by default. */
  customerIds?: readonly number[];
}

const pick = (values: readonly number[] | undefined, i: number): number | null =>
  values && values.length > 0 ? (values[i % values.length] as number) : null;

/** Rows per INSERT: 14 columns × 1,000 stays far below SQLite's 32,766 bound parameters. */
const BATCH = 1000;

/** Seeds N orders with batched multi-row inserts in one transaction; returns their ids in order. */
export async function seedOrders(db: Kysely<Database>, options: SeedOrdersOptions): Promise<number[]> {
  const first = options.firstOrigin ?? 1;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < options.count; start += BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(options.count, start + BATCH); i++) {
        const origin = options.origins?.[i] ?? first + i;
        rows.push({
          id_origin: origin,
          id_platform: 1,
          id_store: options.storeId,
          id_order_state: options.stateId,
          id_ecommerce_state: pick(options.ecommerceStateIds, i),
          id_customer: pick(options.customerIds, i),
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

/** A store's platform state catalogue as a states pull leaves it: platform ids 1..count. */
export async function insertEcommerceStates(db: Kysely<Database>, storeId: number, count: number): Promise<number[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id_store: storeId,
    id_platform_state: i + 1,
    name: `${String(i + 1).padStart(2, '0')} - Stato di prova ${i + 1}`,
    platform_name: 'PrestaShop',
  }));
  await db.insertInto('ecommerce_order_states').values(rows).execute();
  const ids = await db.selectFrom('ecommerce_order_states').select('id_ecommerce_order_state').where('id_store', '=', storeId).orderBy('id_platform_state').execute();
  return ids.map((row) => row.id_ecommerce_order_state);
}

/** Customers of a store, in batches. */
export async function insertCustomers(db: Kysely<Database>, storeId: number, count: number): Promise<number[]> {
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      rows.push({ id_origin: i + 1, id_store: storeId, firstname: `Mario${i}`, lastname: `Rossi${i}`, email: `cliente${i}@example.it` });
    }
    await db.insertInto('customers').values(rows).execute();
  }
  const ids = await db.selectFrom('customers').select('id_customer').where('id_store', '=', storeId).orderBy('id_customer').execute();
  return ids.map((row) => row.id_customer);
}
