import type { Transaction } from 'kysely';
import type { App } from '../../app-types.js';
import type { StockRulesConfig } from '../../config/config-types.js';
import type { Database } from '../../db/database-types.js';
import { applyStockRules } from '../../stock/apply-stock-rules.js';
import { EventType, type Event, type EventHandler, type OrderStatusChangedData } from '../event-types.js';

/**
 * The spec's StockAutoUpdateHandler with configurable rules (plugins.stock_auto_update). Its
 * work runs inside the status transaction (handleInTransaction): a change and its stock
 * movement commit together, so a crash can neither lose nor repeat a movement.
 */
export class StockAutoUpdateHandler implements EventHandler {
  readonly name = 'stock_auto_update';

  constructor(private readonly app: App, private readonly rules: StockRulesConfig) {}

  canHandle(event: Event): boolean {
    return event.event_type === EventType.ORDER_STATUS_CHANGED;
  }

  /** Nothing left to do after the commit. */
  async handle(): Promise<void> {}

  async handleInTransaction(trx: Transaction<Database>, events: readonly Event[]): Promise<void> {
    const transitions = events.map((event) => {
      const data = event.data as OrderStatusChangedData;
      return { id_order: data.order_id, old_state: data.old_state_id, new_state: data.new_state_id };
    });
    const changes = await applyStockRules(trx, this.rules, transitions, this.app.clock.now());
    if (changes.length > 0) this.app.logger.debug(`stock: ${changes.length} movements for ${new Set(changes.map((c) => c.id_order)).size} orders`);
  }
}

/** Problems that make the rules unusable; reported at start instead of loading a handler that misbehaves. */
export function stockRuleProblems(rules: StockRulesConfig): string[] {
  const problems: string[] = [];
  const valid = (ids: unknown) => Array.isArray(ids) && ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0);
  if (!valid(rules.decrement_on)) problems.push('decrement_on must be a list of local order state ids');
  if (!valid(rules.restock_on)) problems.push('restock_on must be a list of local order state ids');
  if (problems.length > 0) return problems;
  if (rules.decrement_on.length === 0 && rules.restock_on.length === 0) problems.push('decrement_on and restock_on are both empty: the handler would do nothing');
  const both = rules.decrement_on.filter((id) => rules.restock_on.includes(id));
  if (both.length > 0) problems.push(`state${both.length > 1 ? 's' : ''} ${both.join(', ')} ${both.length > 1 ? 'are' : 'is'} in both decrement_on and restock_on`);
  return problems;
}
