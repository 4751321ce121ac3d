import { afterEach, describe, expect, it } from 'vitest';
import { setOrderStatus } from '../../../src/orders/set-order-status.js';
import { bulkSetOrderStatus } from '../../../src/orders/bulk-order-status.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

for (const dialect of testDialects()) {
  describe(`stock rules (${dialect})`, () => {
    let t: TestApp;
    afterEach(async () => { await t?.cleanup(); });

    async function setup(allowNegative = false) {
      t = await createTestApp({ dialect, sandbox: false, config: { plugins: { stock_auto_update: { enabled: true, decrement_on: [4], restock_on: [6, 7], allow_negative: allowNegative } } } });
      const { db } = t.app;
      await db.insertInto('products').values([{ id_product: 1, name: 'Borsa', quantity: 5 }, { id_product: 2, name: 'Cintura', quantity: 1 }]).execute();
      await db.insertInto('orders').values([{ id_order: 1, id_order_state: 2 }, { id_order: 2, id_order_state: 2 }]).execute();
      await db.insertInto('order_details').values([
        { id_order: 1, id_product: 1, product_name: 'Borsa', product_qty: 2 },
        { id_order: 1, id_product: 2, product_name: 'Cintura', product_qty: 3 },
        { id_order: 2, id_product: 1, product_name: 'Borsa', product_qty: 1 },
      ]).execute();
    }
    const stock = async () => (await t.app.db.selectFrom('products').select(['id_product', 'quantity']).orderBy('id_product').execute()).map((p) => Number(p.quantity));

    it('decrements on entering a shipped state once, never below zero, and restocks exactly what was taken', async () => {
      await setup();
      await setOrderStatus(t.app, { orderId: 1, state: 4 });
      expect(await stock()).toEqual([3, 0]); // the belt had 1 of 3: only 1 taken
      await setOrderStatus(t.app, { orderId: 1, state: 5 });
      await setOrderStatus(t.app, { orderId: 1, state: 4 }); // shipped again: not twice
      expect(await stock()).toEqual([3, 0]);
      await setOrderStatus(t.app, { orderId: 1, state: 6 });
      expect(await stock()).toEqual([5, 1]);
      await setOrderStatus(t.app, { orderId: 1, state: 7 }); // refunded after cancelled: nothing more to return
      expect(await stock()).toEqual([5, 1]);
      await setOrderStatus(t.app, { orderId: 2, state: 6 }); // never taken: nothing returned
      expect(await stock()).toEqual([5, 1]);
      const movements = await t.app.db.selectFrom('stock_movements').select(['id_order', 'id_product', 'movement', 'quantity']).orderBy('id_stock_movement').execute();
      expect(movements).toEqual([
        { id_order: 1, id_product: 1, movement: 'decrement', quantity: 2 },
        { id_order: 1, id_product: 2, movement: 'decrement', quantity: 1 },
        { id_order: 1, id_product: 1, movement: 'restock', quantity: 2 },
        { id_order: 1, id_product: 2, movement: 'restock', quantity: 1 },
      ]);
    });

    it('goes below zero only with allow_negative, and works in bulk', async () => {
      await setup(true);
      const response = await bulkSetOrderStatus(t.app, [{ id_order: 1, id_order_state: 4 }, { id_order: 2, id_order_state: 4 }]);
      expect(response.summary.successful_count).toBe(2);
      expect(await stock()).toEqual([2, -2]);
    });

    it('a --no-sync change and a dry run: the dry run moves nothing', async () => {
      await setup();
      await setOrderStatus(t.app, { orderId: 1, state: 4, dryRun: true });
      expect(await stock()).toEqual([5, 1]);
      await setOrderStatus(t.app, { orderId: 1, state: 4, sync: false });
      expect(await stock()).toEqual([3, 0]);
    });

    it('misconfigured rules are reported at start and the handler is not loaded', async () => {
      t = await createTestApp({ dialect, sandbox: false, config: { plugins: { stock_auto_update: { enabled: true, decrement_on: [4], restock_on: [4], allow_negative: false } } } });
      expect(t.log.lines.some((l) => /WARNING - plugin stock_auto_update is misconfigured and NOT loaded: state 4 is in both/.test(l))).toBe(true);
      expect(t.app.bus.handlers.map((h) => h.name)).not.toContain('stock_auto_update');
    });
  });
}
