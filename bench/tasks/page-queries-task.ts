import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database-types.js';
import { createBenchApp } from '../bench-app.js';
import type { Task } from '../child-protocol.js';
import { importProductModule } from '../optional-module.js';
import { QueryCounterPlugin } from '../query-counter.js';
import { insertCustomers, insertEcommerceStates, insertStore, seedOrders } from '../seed-orders.js';

/** Narrow port of src/orders/order-queries.ts. */
interface OrderQueriesModule {
  listOrders(db: Kysely<Database>, options: { page?: number; limit?: number }): Promise<{ orders: unknown[] }>;
}

export interface PageQueries {
  limit: number;
  orders: number;
  queries: number;
  kinds: string[];
}

/** Counts the SQL statements one orders page costs, for each page size asked. */
export const pageQueriesTask: Task = async (args) => {
  const { listOrders } = await importProductModule<OrderQueriesModule>('src/orders/order-queries.js');
  const bench = await createBenchApp();
  try {
    const db = bench.app.db;
    const storeId = await insertStore(db);
    const stateIds = await insertEcommerceStates(db, storeId, 12);
    const customerIds = await insertCustomers(db, storeId, 150);
    await seedOrders(db, { count: 300, storeId, stateId: 2, ecommerceStateIds: stateIds, customerIds });
    const counter = new QueryCounterPlugin();
    const counted = db.withPlugin(counter);
    const results: PageQueries[] = [];
    for (const limit of args.limits as number[]) {
      counter.reset();
      const page = await listOrders(counted, { page: 1, limit });
      results.push({ limit, orders: page.orders.length, queries: counter.statements.length, kinds: [...counter.statements] });
    }
    return results;
  } finally {
    await bench.cleanup();
  }
};
