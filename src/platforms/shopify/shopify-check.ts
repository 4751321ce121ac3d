import type { StoreCheckItem, StoreCheckReport } from '../platform-port.js';
import { SHOP_CHECK_QUERY } from './graphql/index.js';
import type { GraphqlTransport } from './graphql-transport.js';

/** Scopes ecom-sync needs; each entry is satisfied by any of its handles (a write scope implies its read). */
export const REQUIRED_SCOPES: ReadonlyArray<{ name: string; anyOf: string[]; why: string }> = [
  { name: 'read_orders', anyOf: ['read_orders', 'write_orders'], why: 'orders pull and the read before a repeated push' },
  { name: 'write_orders', anyOf: ['write_orders'], why: 'orderCancel, orderClose, orderOpen, orderMarkAsPaid' },
  { name: 'read_fulfillments', anyOf: ['read_fulfillments', 'write_fulfillments', 'read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders'], why: "the order's fulfillment orders" },
  { name: 'write_fulfillments / write_merchant_managed_fulfillment_orders', anyOf: ['write_fulfillments', 'write_merchant_managed_fulfillment_orders'], why: 'fulfillmentCreate (code fulfilled)' },
];

export async function checkShop(transport: GraphqlTransport, signal?: AbortSignal): Promise<StoreCheckReport> {
  const data = await transport.send<{ shop: { name: string; currencyCode: string; ianaTimezone: string }; currentAppInstallation: { accessScopes: Array<{ handle: string }> } }>(
    SHOP_CHECK_QUERY, { variables: {}, ...(signal ? { signal } : {}) },
  );
  const granted = new Set(data.currentAppInstallation.accessScopes.map((s) => s.handle));
  const items: StoreCheckItem[] = [{ name: 'shop', ok: true, detail: `${data.shop.name}, ${data.shop.currencyCode}, ${data.shop.ianaTimezone}` }];
  for (const scope of REQUIRED_SCOPES) {
    const ok = scope.anyOf.some((handle) => granted.has(handle));
    items.push({ name: `scope ${scope.name}`, ok, detail: ok ? `granted (${scope.why})` : `missing: needed for ${scope.why}` });
  }
  const allOrders = granted.has('read_all_orders');
  items.push({ name: 'scope read_all_orders (optional)', ok: true, detail: allOrders ? 'granted: every order is visible' : 'not granted: Shopify shows only the last 60 days of orders' });
  return { shop: `${data.shop.name} (Shopify, ${data.shop.currencyCode}, ${data.shop.ianaTimezone})`, items };
}
