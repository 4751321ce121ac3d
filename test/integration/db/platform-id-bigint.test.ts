import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../../src/db/connect-database.js';
import { migrateToLatest } from '../../../src/db/migrate-database.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../helpers/test-database.js';

// A real Shopify order id (legacyResourceId): past 2^31, below 2^53.
const SHOPIFY_ORDER_ID = 5_801_234_567_890;

describe.each(testDialects())('platform ids past 2^31 on %s', (dialect) => {
  let testDb: TestDatabase;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    connection = await connectDatabase(testDb.url);
    await migrateToLatest(connection.db);
  });
  afterAll(async () => {
    await connection?.close();
    await testDb?.drop();
  });

  it('stores a Shopify-sized id_origin in orders, customers, addresses, products, and order_details and reads it back as a number', async () => {
    const db = connection.db;
    await db.insertInto('stores').values({ id_platform: 1, name: 'Shopify', base_url: 'https://s.myshopify.com', api_key: 'x'.repeat(32) }).execute();
    const store = await db.selectFrom('stores').select('id_store').executeTakeFirstOrThrow();
    const now = '2026-12-01 10:00:00';
    await db.insertInto('customers').values({ id_origin: SHOPIFY_ORDER_ID + 1, id_store: store.id_store, firstname: 'A', lastname: 'B', email: 'a@b.c', date_add: now, date_upd: now }).execute();
    await db.insertInto('addresses').values({ id_origin: SHOPIFY_ORDER_ID + 2, id_store: store.id_store, firstname: 'A', lastname: 'B', address1: 'x', postcode: '1', city: 'c', date_add: now, date_upd: now }).execute();
    await db.insertInto('products').values({ id_origin: SHOPIFY_ORDER_ID + 3, id_store: store.id_store, name: 'P', quantity: 0, date_add: now, date_upd: now }).execute();
    await db.insertInto('orders').values({ id_origin: SHOPIFY_ORDER_ID, id_platform: 1, id_store: store.id_store, id_order_state: 1, date_add: now, date_upd: now }).execute();
    const order = await db.selectFrom('orders').select(['id_order', 'id_origin']).where('id_origin', '=', SHOPIFY_ORDER_ID).executeTakeFirstOrThrow();
    await db.insertInto('order_details').values({ id_order: order.id_order, id_origin: SHOPIFY_ORDER_ID + 4, product_name: 'P', product_qty: 1, product_price: 1 }).execute();
    expect(order.id_origin).toBe(SHOPIFY_ORDER_ID);
    expect((await db.selectFrom('customers').select('id_origin').executeTakeFirstOrThrow()).id_origin).toBe(SHOPIFY_ORDER_ID + 1);
    expect((await db.selectFrom('addresses').select('id_origin').executeTakeFirstOrThrow()).id_origin).toBe(SHOPIFY_ORDER_ID + 2);
    expect((await db.selectFrom('products').select('id_origin').executeTakeFirstOrThrow()).id_origin).toBe(SHOPIFY_ORDER_ID + 3);
    expect((await db.selectFrom('order_details').select('id_origin').executeTakeFirstOrThrow()).id_origin).toBe(SHOPIFY_ORDER_ID + 4);
  });
});
