import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectDatabase, type DatabaseConnection } from '../../../src/db/connect-database.js';
import { migrateToLatest, pendingMigrations } from '../../../src/db/migrate-database.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../helpers/test-database.js';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let testDb: TestDatabase;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    connection = await connectDatabase(testDb.url);
  });
  afterAll(async () => {
    await connection?.close();
    await testDb?.drop();
  });

  it('builds every table on an empty database, then has nothing left to do', async () => {
    expect(await pendingMigrations(connection.db)).toEqual(['0001-initial-schema', '0002-seed-reference-data', '0004-store-context-and-countries']);
    const first = await migrateToLatest(connection.db);
    expect(first.applied).toEqual(['0001-initial-schema', '0002-seed-reference-data', '0004-store-context-and-countries']);
    const second = await migrateToLatest(connection.db);
    expect(second.applied).toEqual([]);
    const states = await connection.db.selectFrom('order_states').selectAll().orderBy('id_order_state').execute();
    expect(states.map((s) => s.name)).toContain('Spedito');
    // A state added later gets a fresh id after the seeded ones.
    const added = await connection.db.insertInto('order_states').values({ name: 'Reso' }).executeTakeFirst();
    const reso = await connection.db.selectFrom('order_states').select('id_order_state').where('name', '=', 'Reso').executeTakeFirstOrThrow();
    expect(reso.id_order_state).toBeGreaterThan(8);
    expect(added).toBeDefined();
  });

  it("runs the spec's INSERT INTO platform_state_triggers verbatim", async () => {
    const db = connection.db;
    await db.insertInto('stores').values({ id_platform: 1, name: 'Negozio', base_url: 'http://shop.example', api_key: 'x'.repeat(32) }).execute();
    const store = await db.selectFrom('stores').select('id_store').executeTakeFirstOrThrow();
    expect(store.id_store).toBe(1);
    await db.insertInto('ecommerce_order_states').values([1, 2, 3].map((id) => ({ id_store: 1, id_platform_state: id, name: `Stato ${id}`, platform_name: 'PrestaShop' }))).execute();
    await sql`INSERT INTO platform_state_triggers 
  (event_type, id_store, state_type, id_state_local, id_state_platform, is_active)
VALUES 
  ('order_status_changed', 1, 'order_state', 3, 3, 1);`.execute(db);
    const trigger = await db.selectFrom('platform_state_triggers').selectAll().executeTakeFirstOrThrow();
    expect(trigger).toMatchObject({ event_type: 'order_status_changed', id_store: 1, state_type: 'order_state', id_state_local: 3, id_state_platform: 3, is_active: 1 });
    expect(trigger.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('refuses a second active trigger for the same local state, allows an inactive one', async () => {
    const db = connection.db;
    const duplicate = { event_type: 'order_status_changed', id_store: 1, state_type: 'order_state', id_state_local: 3, id_state_platform: 2 };
    await expect(db.insertInto('platform_state_triggers').values({ ...duplicate, is_active: 1 }).execute()).rejects.toThrow();
    await db.insertInto('platform_state_triggers').values({ ...duplicate, is_active: 0 }).execute();
    await db.insertInto('platform_state_triggers').values({ ...duplicate, is_active: 0 }).execute();
  });

  it('keeps ecommerce_order_states unique per store and platform state, and enforces foreign keys', async () => {
    const db = connection.db;
    await expect(db.insertInto('ecommerce_order_states').values({ id_store: 1, id_platform_state: 3, name: 'again', platform_name: 'PrestaShop' }).execute()).rejects.toThrow();
    await expect(db.insertInto('platform_state_triggers').values({ event_type: 'order_status_changed', id_store: 1, state_type: 'order_state', id_state_local: 5, id_state_platform: 999 }).execute()).rejects.toThrow();
  });
});
