import type { SandboxShopifyStore, SbAddress, SbOrder } from './sandbox-shop.js';

const PEOPLE = [
  ['Giulia', 'Rossi', 'Milano', '20121', 'IT'], ['Marco', 'Bianchi', 'Torino', '10121', 'IT'], ['Anna', 'Schmidt', 'München', '80331', 'DE'],
  ['Luca', 'Ferrari', 'Roma', '00184', 'IT'], ['Claire', 'Martin', 'Lyon', '69002', 'FR'], ['Sofia', 'Esposito', 'Napoli', '80133', 'IT'],
] as const;
const PRODUCTS = [
  { id: 7001, variant: 8001, name: 'Olio extravergine 1 l', sku: 'OLIO-1L', price: 18.5 },
  { id: 7002, variant: 8002, name: 'Pasta di Gragnano 500 g', sku: 'PASTA-500', price: 3.2 },
  { id: 7003, variant: 8003, name: 'Parmigiano 24 mesi 1 kg', sku: 'PARM-24', price: 32 },
] as const;

/** Which state each seeded order is in, cycling so that every derived code and edge case is there. */
const KINDS = ['open', 'paid', 'fulfilled', 'cancelled', 'closed', 'partially-fulfilled', 'on-hold', 'paid-closed-reopenable'] as const;

/**
 * `count` orders, ids 1001…, updated a minute apart ending at the clock's now; the kinds cycle.
 * Deterministic: the same count gives the same shop.
 */
export function seedShopifyStore(store: SandboxShopifyStore, count: number): void {
  const end = store.nowSeconds();
  for (let i = 0; i < count; i += 1) {
    const id = 1001 + i;
    const person = PEOPLE[i % PEOPLE.length]!;
    const address: SbAddress = { firstName: person[0], lastName: person[1], company: '', address1: `Via Roma ${i + 1}`, address2: '', zip: person[3], city: person[2], countryCodeV2: person[4], phone: '+39 02 000000' };
    const lineCount = 1 + (i % 3);
    const lines = Array.from({ length: lineCount }, (_, n) => {
      const product = PRODUCTS[(i + n) % PRODUCTS.length]!;
      const quantity = 1 + ((i + n) % 2);
      return { id: id * 10 + n, productId: product.id, variantId: product.variant, quantity, name: product.name, sku: product.sku, price: product.price, tax: Math.round(product.price * quantity * 0.22 / 1.22 * 100) / 100 };
    });
    const kind = KINDS[i % KINDS.length]!;
    const at = end - (count - i) * 60_000;
    const order: SbOrder = {
      id, name: `#${id}`, createdAt: at - 3_600_000, updatedAt: at, email: `${person[0].toLowerCase()}.${person[1].toLowerCase()}@example.com`,
      currency: store.currency, gateway: i % 2 === 0 ? 'shopify_payments' : 'manual', taxesIncluded: true,
      customer: { id: 5001 + (i % PEOPLE.length), firstName: person[0], lastName: person[1] }, shipping: address, billing: { ...address },
      lines, shippingPrice: 6.9, financial: kind === 'open' ? 'PENDING' : 'PAID', closedAt: null, cancelledAt: null,
      fulfillmentOrders: [{ id: id * 10, status: 'OPEN', updatedAt: at }],
    };
    if (kind === 'fulfilled') order.fulfillmentOrders[0]!.status = 'CLOSED';
    if (kind === 'cancelled') { order.cancelledAt = at; order.closedAt = at; order.fulfillmentOrders[0]!.status = 'CANCELLED'; order.financial = 'VOIDED'; }
    if (kind === 'closed' || kind === 'paid-closed-reopenable') { order.closedAt = at; order.fulfillmentOrders[0]!.status = 'CLOSED'; }
    if (kind === 'partially-fulfilled') order.fulfillmentOrders.push({ id: id * 10 + 1, status: 'CLOSED', updatedAt: at });
    if (kind === 'on-hold') order.fulfillmentOrders[0]!.status = 'ON_HOLD';
    store.add(order);
  }
}
