import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../../src/db/connect-database.js';
import { listOrders } from '../../../src/orders/order-queries.js';
import { testDialects } from '../../helpers/test-database.js';
import { AUTH, createDaemonFixture, seedOrders, type DaemonFixture } from './daemon-fixture.js';

/**
 * GET /api/v1/orders serves a page again while the database is unchanged (src/daemon/orders-page-cache.ts):
 * whoever changes the orders — this daemon, another process, plain SQL — the next page shows it.
 */
for (const dialect of testDialects()) {
  describe(`orders pages are never stale (${dialect})`, () => {
    let f: DaemonFixture;
    let other: DatabaseConnection | null = null;
    afterEach(async () => {
      await other?.close();
      other = null;
      await f?.cleanup();
    });

    const page = async (query = 'limit=5') => {
      const res = await f.server.inject({ method: 'GET', url: `/api/v1/orders?${query}`, headers: AUTH });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      return res;
    };
    const stateOf = async (id: number) => (await page('limit=100')).json().orders.find((o: { id_order: number }) => o.id_order === id)?.id_order_state;

    it('sends the bytes the page serializes to, the same on a repeated request', async () => {
      f = await createDaemonFixture({ dialect });
      await seedOrders(f.app, f.t.storeId!, Array.from({ length: 8 }, (_, i) => ({ id_order: 10 + i })));
      const first = await page();
      const again = await page();
      expect(again.body).toBe(first.body);
      expect(first.body).toBe(JSON.stringify(await listOrders(f.app.db, { page: 1, limit: 5 })));
      expect((await page('limit=5&page=2')).json()).toMatchObject({ total: 8, page: 2, limit: 5 });
    });

    it("shows this process's own changes at once (REST status change, direct SQL)", async () => {
      f = await createDaemonFixture({ dialect });
      await seedOrders(f.app, f.t.storeId!, [{ id_order: 20 }, { id_order: 21 }]);
      expect(await stateOf(20)).toBe(1);
      const put = await f.server.inject({ method: 'PUT', url: '/api/v1/orders/20/status', headers: AUTH, payload: { id_order_state: 2 } });
      expect(put.statusCode).toBe(200);
      expect(await stateOf(20)).toBe(2);
      await f.app.db.updateTable('orders').set({ reference: 'CHANGED' }).where('id_order', '=', 21).execute();
      expect((await page('limit=100')).json().orders.find((o: { id_order: number }) => o.id_order === 21).reference).toBe('CHANGED');
    });

    it("shows another connection's changes at once (another process, cron, SQL)", async () => {
      f = await createDaemonFixture({ dialect });
      await seedOrders(f.app, f.t.storeId!, [{ id_order: 30 }]);
      expect((await page()).json().total).toBe(1);
      other = await connectDatabase(f.t.config.database.url);
      await other.db.updateTable('orders').set({ id_order_state: 3 }).where('id_order', '=', 30).execute();
      expect(await stateOf(30)).toBe(3);
      await other.db.insertInto('orders').values({ id_order: 31, id_platform: 1, id_order_state: 1, reference: 'NEW' }).execute();
      expect((await page()).json().total).toBe(2);
      await other.db.deleteFrom('orders').where('id_order', '=', 31).execute();
      expect((await page()).json().total).toBe(1);
    });
  });
}
