import { sql, type Transaction } from 'kysely';
import { chunks } from '../chunks.js';
import type { StockRulesConfig } from '../config/config-types.js';
import type { Database } from '../db/database-types.js';
import { lockRowsForUpdate } from '../db/row-locks.js';

export interface StatusTransition {
  id_order: number;
  old_state: number | null;
  new_state: number;
}

export interface StockChange {
  id_order: number;
  id_product: number;
  movement: 'decrement' | 'restock';
  quantity: number;
}

type Trx = Transaction<Database>;

/**
 * The stock rules, run inside the status transaction (so a change and its stock movement commit
 * together or not at all). Per order and transition, never twice: an order's stock is "taken"
 * while its latest movement is a decrement, so entering a decrement state again does nothing,
 * and a restock returns exactly what the order took (never more, never what it never took).
 * Stock stops at zero unless `allow_negative`; the movement records what was really taken.
 * A fixed number of queries whatever the number of transitions (bulk changes pass a batch).
 */
export async function applyStockRules(trx: Trx, rules: StockRulesConfig, transitions: readonly StatusTransition[], now: number): Promise<StockChange[]> {
  const entering = transitions.filter((t) => t.old_state !== t.new_state);
  const decrementOrders = entering.filter((t) => rules.decrement_on.includes(t.new_state));
  const restockOrders = entering.filter((t) => rules.restock_on.includes(t.new_state) && !rules.decrement_on.includes(t.new_state));
  if (decrementOrders.length === 0 && restockOrders.length === 0) return [];
  const orderIds = [...new Set([...decrementOrders, ...restockOrders].map((t) => t.id_order))];

  const movements: Array<{ id_order: number; id_product: number; movement: string; quantity: number }> = [];
  for (const part of chunks(orderIds, 500)) {
    movements.push(...await trx.selectFrom('stock_movements').select(['id_order', 'id_product', 'movement', 'quantity'])
      .where('id_order', 'in', part).orderBy('id_stock_movement').execute());
  }
  const lastMovement = new Map<number, string>();
  const netTaken = new Map<number, Map<number, number>>();
  for (const m of movements) {
    lastMovement.set(m.id_order, m.movement);
    const perProduct = netTaken.get(m.id_order) ?? new Map<number, number>();
    perProduct.set(m.id_product, (perProduct.get(m.id_product) ?? 0) + (m.movement === 'decrement' ? m.quantity : -m.quantity));
    netTaken.set(m.id_order, perProduct);
  }
  const toTake = decrementOrders.filter((t) => lastMovement.get(t.id_order) !== 'decrement');
  const toReturn = restockOrders.filter((t) => lastMovement.get(t.id_order) === 'decrement');
  if (toTake.length === 0 && toReturn.length === 0) return [];

  const lines: Array<{ id_order: number; id_product: number | null; product_qty: number }> = [];
  for (const part of chunks(toTake.map((t) => t.id_order), 500)) {
    lines.push(...await trx.selectFrom('order_details').select(['id_order', 'id_product', 'product_qty']).where('id_order', 'in', part).orderBy('id_order_detail').execute());
  }
  const productIds = [...new Set([
    ...lines.flatMap((l) => (l.id_product === null ? [] : [l.id_product])),
    ...toReturn.flatMap((t) => [...(netTaken.get(t.id_order)?.keys() ?? [])]),
  ])];
  const stock = new Map<number, number>();
  for (const part of chunks(productIds, 500)) {
    // Locked until the commit: two changes taking the same product's stock queue up.
    const query = lockRowsForUpdate(trx, trx.selectFrom('products').select(['id_product', 'quantity']).where('id_product', 'in', part));
    for (const p of await query.execute()) stock.set(p.id_product, Number(p.quantity));
  }

  const changes: StockChange[] = [];
  const stateOf = new Map(entering.map((t) => [t.id_order, t.new_state]));
  const linesByOrder = new Map<number, typeof lines>();
  for (const line of lines) {
    const orderLines = linesByOrder.get(line.id_order);
    if (orderLines) orderLines.push(line);
    else linesByOrder.set(line.id_order, [line]);
  }
  for (const t of toTake) {
    for (const line of (linesByOrder.get(t.id_order) ?? []).filter((l) => l.id_product !== null && stock.has(l.id_product))) {
      const productId = line.id_product as number;
      const available = stock.get(productId) ?? 0;
      const quantity = rules.allow_negative ? line.product_qty : Math.max(0, Math.min(line.product_qty, available));
      stock.set(productId, available - quantity);
      // Recorded even when nothing could be taken: the transition happened and must not repeat.
      changes.push({ id_order: t.id_order, id_product: productId, movement: 'decrement', quantity });
    }
  }
  for (const t of toReturn) {
    for (const [productId, taken] of netTaken.get(t.id_order) ?? []) {
      if (taken <= 0) continue;
      stock.set(productId, (stock.get(productId) ?? 0) + taken);
      changes.push({ id_order: t.id_order, id_product: productId, movement: 'restock', quantity: taken });
    }
  }

  const touched = [...new Set(changes.map((c) => c.id_product))];
  for (const part of chunks(touched, 200)) {
    // One UPDATE per chunk: quantity = CASE id_product WHEN .. THEN .. END.
    // Integer literals (not parameters) so that PostgreSQL types the CASE as an integer.
    const cases = sql.join(part.map((id) => sql`WHEN ${sql.lit(Math.trunc(id))} THEN ${sql.lit(Math.trunc(stock.get(id) ?? 0))}`), sql` `);
    await trx.updateTable('products').set({ quantity: sql<number>`CASE id_product ${cases} END` }).where('id_product', 'in', part).execute();
  }
  for (const part of chunks(changes, 200)) {
    await trx.insertInto('stock_movements').values(part.map((c) => ({ ...c, id_order_state: stateOf.get(c.id_order) ?? 0, created_at: now }))).execute();
  }
  return changes;
}
