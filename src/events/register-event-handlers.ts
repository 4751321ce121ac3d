import type { App } from '../app-types.js';
import { PlatformStateSyncHandler } from './handlers/platform-state-sync-handler.js';
import { StockAutoUpdateHandler, stockRuleProblems } from './handlers/stock-auto-update-handler.js';

/**
 * Registers the handlers enabled under `plugins.<name>.enabled`, in the spec's priority order.
 * A handler that is switched off or misconfigured is said so at start — never silently skipped
 * (the earlier implementation loaded no handler at all on Linux and nothing said so).
 */
export function registerEventHandlers(app: App): void {
  const { platform_state_sync: sync, stock_auto_update: stock } = app.config.plugins;
  if (sync.enabled) {
    app.bus.register(new PlatformStateSyncHandler(app));
  } else {
    app.logger.warn('plugin platform_state_sync is disabled (plugins.platform_state_sync.enabled: false): order state changes are recorded locally and NOT pushed to the platforms');
  }
  if (!stock.enabled) {
    // Off by default: an info line (shown with --verbose), not a warning on every command.
    app.logger.info('plugin stock_auto_update is disabled (plugins.stock_auto_update.enabled: false): stock is not adjusted on state changes');
    return;
  }
  const problems = stockRuleProblems(stock);
  if (problems.length > 0) {
    app.logger.warn(`plugin stock_auto_update is misconfigured and NOT loaded: ${problems.join('; ')}`);
    return;
  }
  app.bus.register(new StockAutoUpdateHandler(app, { decrement_on: stock.decrement_on, restock_on: stock.restock_on, allow_negative: stock.allow_negative }));
}
