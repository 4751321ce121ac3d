import { createPrng } from '../sandbox/prng.js';
import type { WooSandboxShop } from './woo-sandbox-shop.js';
import type { WooSandboxAddress, WooSandboxLineItem, WooSandboxOrder } from './woo-shop-types.js';
import { toWooGmt } from './woo-shop-clock.js';

const FIRST = ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Alessandro', 'Sara', 'Matteo', 'Elena', 'Davide'];
const LAST = ['Rossi', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti'];
const CITIES: Array<[string, string, string, string]> = [
  ['Milano', 'MI', '20121', 'IT'], ['Roma', 'RM', '00184', 'IT'], ['Torino', 'TO', '10121', 'IT'], ['Bologna', 'BO', '40121', 'IT'],
  ['Firenze', 'FI', '50122', 'IT'], ['Lugano', '', '6900', 'CH'], ['München', 'BY', '80331', 'DE'], ['Nice', '', '06000', 'FR'],
];
const PRODUCTS: Array<[number, string, string, number]> = [
  [11, 'Olio extravergine 1 l', 'OLIO-1L', 14.9], [12, 'Pasta di Gragnano 500 g', 'PASTA-500', 3.2], [13, 'Caffè in grani 1 kg', 'CAFFE-1K', 21.5],
  [14, 'Aceto balsamico 250 ml', 'ACETO-250', 9.8], [15, 'Parmigiano 24 mesi 1 kg', 'PARM-24', 28], [16, 'Tagliere in ulivo', 'TAGL-ULIVO', 39],
];
/** Weighted so that most orders are processing or completed, as on a real shop. */
const SEED_STATUSES = ['processing', 'processing', 'processing', 'completed', 'completed', 'completed', 'completed', 'on-hold', 'pending', 'cancelled', 'refunded', 'spedito-parziale'];

function money(n: number): string {
  return n.toFixed(2);
}

/**
 * `count` orders created over the 30 days before the shop's clock, each modified a little after it
 * was created (ids ascend with creation, modification order differs), with Italian customers
 * mostly and a few abroad, 22 % VAT included in prices.
 */
export function seedWooShop(shop: WooSandboxShop, options: { orders: number; seed: number }): void {
  const prng = createPrng(options.seed);
  const now = shop.clock.now();
  const start = now - 30 * 86_400_000;
  const step = options.orders > 0 ? (29 * 86_400_000) / options.orders : 0;
  let lineId = 1;
  for (let i = 0; i < options.orders; i += 1) {
    const id = 100 + i;
    const created = Math.floor(start + i * step + prng.int(0, 3600) * 1000);
    const modified = Math.min(now - 1000, created + prng.int(60, 5 * 86_400) * 1000);
    const first = prng.pick(FIRST);
    const last = prng.pick(LAST);
    const [city, state, postcode, country] = prng.pick(CITIES);
    const addr: WooSandboxAddress = {
      first_name: first, last_name: last, company: prng.chance(0.15) ? `${last} S.r.l.` : '', address_1: `Via ${prng.pick(LAST)} ${prng.int(1, 120)}`, address_2: '',
      city, state, postcode, country, phone: `+39 3${prng.int(10, 99)} ${prng.int(1_000_000, 9_999_999)}`,
    };
    const lines: WooSandboxLineItem[] = [];
    const count = prng.int(1, 3);
    for (let l = 0; l < count; l += 1) {
      const [productId, name, sku, priceIncl] = prng.pick(PRODUCTS);
      const quantity = prng.int(1, 4);
      const incl = priceIncl * quantity;
      const excl = Math.round((incl / 1.22) * 100) / 100;
      lines.push({ id: lineId++, name, product_id: productId, variation_id: 0, quantity, sku, subtotal: money(excl), subtotal_tax: money(incl - excl), total: money(excl), total_tax: money(incl - excl), price: Math.round((excl / quantity) * 1e4) / 1e4 });
    }
    const shippingIncl = prng.chance(0.3) ? 0 : 6.9;
    const shippingExcl = Math.round((shippingIncl / 1.22) * 100) / 100;
    const itemsExcl = lines.reduce((s, l) => s + Number(l.total), 0);
    const itemsTax = lines.reduce((s, l) => s + Number(l.total_tax), 0);
    const order: WooSandboxOrder = {
      id,
      number: String(id),
      status: prng.pick(SEED_STATUSES),
      currency: 'EUR',
      date_created_gmt: toWooGmt(created),
      date_modified_gmt: toWooGmt(modified),
      total: money(itemsExcl + itemsTax + shippingIncl),
      total_tax: money(itemsTax + (shippingIncl - shippingExcl)),
      shipping_total: money(shippingExcl),
      shipping_tax: money(shippingIncl - shippingExcl),
      discount_total: '0.00',
      payment_method: prng.chance(0.5) ? 'stripe' : 'bacs',
      payment_method_title: '',
      customer_id: prng.chance(0.3) ? 0 : 1000 + prng.int(1, 60),
      billing: { ...addr, email: `${first}.${last}${i}@example.it`.toLowerCase() },
      shipping: { ...addr },
      line_items: lines,
    };
    order.payment_method_title = order.payment_method === 'stripe' ? 'Carta di credito (Stripe)' : 'Bonifico bancario';
    shop.addOrder(order);
  }
}
