import type { Kysely } from 'kysely';
import { createChangeStamp } from '../db/change-stamp.js';
import type { Database } from '../db/database-types.js';
import { listOrders, type OrderFilters } from '../orders/order-queries.js';

export type OrdersPageOptions = OrderFilters & { page: number; limit: number };

/** The serialized page as UTF-8 bytes, as `GET /api/v1/orders` sends it (a cached page is not encoded again). */
export type OrdersPageReader = (options: OrdersPageOptions) => Promise<Buffer>;

/**
 * Orders pages serialized once and served again while the database is unchanged (src/db/change-stamp.ts:
 * any write, by this process or any other, drops every cached page at the next request). A page
 * costs two statements and materializing up to 100 joined rows, many times a request to the
 * bare server; reading the stamp is one cheap statement. Without a stamp (PostgreSQL,
 * MySQL/MariaDB) every request reads the database.
 */
export function createOrdersPageReader(db: Kysely<Database>, maxPages = 32): OrdersPageReader {
  const stamp = createChangeStamp(db);
  const pages = new Map<string, Buffer>();
  let pagesStamp: string | null = null;
  const read = async (options: OrdersPageOptions) => Buffer.from(JSON.stringify(await listOrders(db, options)));
  if (stamp === null) return read;

  return async (options) => {
    // Read before the page: a write landing in between changes the next stamp, so a page never
    // sits under a stamp newer than its data.
    const now = await stamp();
    if (now !== pagesStamp) {
      pages.clear();
      pagesStamp = now;
    }
    const key = `${options.page}:${options.limit}:${options.idOrderState ?? ''}:${options.idStore ?? ''}:${options.idEcommerceState ?? ''}`;
    const cached = pages.get(key);
    if (cached !== undefined) return cached;
    const json = await read(options);
    if (pagesStamp === now) {
      if (pages.size >= maxPages) pages.delete(pages.keys().next().value as string);
      pages.set(key, json);
    }
    return json;
  };
}
