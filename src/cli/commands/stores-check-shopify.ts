import type { App } from '../../app-types.js';
import { PlatformError } from '../../errors.js';
import { createHttpAgent } from '../../platforms/http-agent.js';
import { createShopifyPlatform } from '../../platforms/shopify/index.js';
import { shopifyConnection } from '../../stores/shopify-store-options.js';
import type { StoreRow } from '../../stores/store-repository.js';
import type { CommandResult } from '../output.js';

/** `stores check` for a Shopify store: one cheap query (shop and granted scopes); missing scopes make it fail. */
export async function checkShopifyStore(app: App, store: StoreRow): Promise<CommandResult> {
  const agent = createHttpAgent({ connectTimeoutMs: app.config.sync.connect_timeout_ms, connections: 2 });
  try {
    const platform = createShopifyPlatform(shopifyConnection(store, app.env), { dispatcher: agent, totalTimeoutMs: app.config.sync.total_timeout_ms, clock: app.clock });
    const started = app.clock.now();
    const report = await platform.check();
    const elapsed = app.clock.now() - started;
    const missing = report.items.filter((item) => !item.ok);
    const lines = report.items.map((item) => `  ${item.ok ? 'ok     ' : 'MISSING'} ${item.name}: ${item.detail}`);
    const json = { id_store: store.id_store, ok: missing.length === 0, shop: report.shop, items: report.items, elapsed_ms: elapsed };
    if (missing.length > 0) {
      throw new PlatformError('SHOPIFY_SCOPES_MISSING', `store ${store.name} (#${store.id_store}): the app lacks ${missing.map((m) => m.name.replace(/^scope /, '')).join(', ')}`, {
        details: json,
        hint: 'Grant the scopes to the app (Dev Dashboard or the custom app\'s Admin API scopes), reinstall it, then run `ecom-sync stores check` again.',
      });
    }
    return { json, text: `Store #${store.id_store} ${store.name}: ${report.shop} answered in ${elapsed} ms.\n${lines.join('\n')}` };
  } finally {
    await agent.close();
  }
}
