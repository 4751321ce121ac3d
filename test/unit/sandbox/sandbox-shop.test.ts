import { describe, expect, it } from 'vitest';
import { SandboxShop } from '../../../src/platforms/sandbox/sandbox-shop.js';
import { seedShop } from '../../../src/platforms/sandbox/shop-seed.js';
import { createShopClock } from '../../../src/platforms/sandbox/shop-clock.js';

const seeded = (orders: number, seed: number): SandboxShop => {
  const shop = new SandboxShop({ start: '2026-02-01 08:00:00', frozen: true });
  seedShop(shop, { orders, seed });
  return shop;
};

describe('sandbox shop', () => {
  it('seeds states in the order a real 8.2.1 shop lists them (2..9, 11, 12, 13, 14, 1, 10) with Italian and English names and one deleted state', () => {
    const shop = seeded(5, 1);
    expect([...shop.orderStates.keys()]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 1, 10]);
    expect(shop.orderStates.get(1)?.name).toEqual({ 1: 'Contanti alla consegna', 2: 'Cash on delivery' });
    expect(shop.orderStates.get(3)?.name[1]).toBe('03 - Preparazione ordine in corso....');
    expect([...shop.orderStates.values()].filter((s) => s.deleted).map((s) => s.id)).toEqual([14]);
    expect(shop.defaultLanguageId()).toBe(1);
  });

  it('seeds realistic orders: 9-letter references, 1-4 rows, dates before now, histories ending in the current state', () => {
    const shop = seeded(120, 9);
    expect(shop.orders.size).toBe(120);
    for (const order of shop.orders.values()) {
      expect(order.reference).toMatch(/^[A-Z]{9}$/);
      expect(order.rows.length).toBeGreaterThanOrEqual(1);
      expect(order.rows.length).toBeLessThanOrEqual(4);
      expect(order.date_upd >= order.date_add).toBe(true);
      expect(order.date_upd <= '2026-02-01 08:00:00').toBe(true);
      expect(shop.historiesOf(order.id).at(-1)?.id_order_state).toBe(order.current_state);
      expect(shop.addresses.get(order.id_address_delivery)?.id_country).toBe(10);
      expect(order.total_paid_tax_incl).toBeCloseTo(order.total_products_wt + order.total_shipping, 2);
    }
    expect(new Set([...shop.orders.values()].map((o) => o.current_state)).size).toBeGreaterThan(4);
  });

  it('is deterministic by seed', () => {
    const a = seeded(30, 42);
    const b = seeded(30, 42);
    const c = seeded(30, 43);
    expect([...a.orders.values()]).toEqual([...b.orders.values()]);
    expect([...a.customers.values()]).toEqual([...b.customers.values()]);
    expect([...a.orders.values()].map((o) => o.reference)).not.toEqual([...c.orders.values()].map((o) => o.reference));
  });

  it('records a shop-side change with a history row, date_upd from the clock, and invoice numbers once', () => {
    const shop = seeded(3, 2);
    const order = shop.addOrder({ id_customer: 1, current_state: 10 });
    shop.setNow('2026-02-03 10:00:00');
    const history = shop.setOrderState(order.id, 2);
    expect(history).toMatchObject({ id_order: order.id, id_order_state: 2, id_employee: 1, date_add: '2026-02-03 10:00:00', sendemail: false });
    expect(order.date_upd).toBe('2026-02-03 10:00:00');
    expect(order.valid).toBe(true);
    const invoice = order.invoice_number;
    expect(invoice).toBeGreaterThan(0);
    shop.advanceClock(60_000);
    shop.setOrderState(order.id, 3);
    expect(order.invoice_number).toBe(invoice);
    expect(order.date_upd).toBe('2026-02-03 10:01:00');
    expect(shop.emailsSent).toEqual([]);
  });

  it('keeps a clock that follows real time unless frozen', () => {
    let real = 1_000_000;
    const clock = createShopClock({ start: '2026-01-01 00:00:00', realNow: () => real });
    real += 5_000;
    expect(clock.now()).toBe('2026-01-01 00:00:05');
    clock.freeze();
    real += 5_000;
    expect(clock.now()).toBe('2026-01-01 00:00:05');
    clock.resume();
    real += 1_000;
    expect(clock.now()).toBe('2026-01-01 00:00:06');
    clock.set('2026-06-30 23:59:59');
    clock.advance(1_000);
    expect(clock.now()).toBe('2026-07-01 00:00:00');
  });
});
