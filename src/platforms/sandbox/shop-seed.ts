/**
 * Fills a SandboxShop with a realistic Italian shop, deterministic by seed: PrestaShop 8 order
 * states (served 2..14,1), customers, addresses, and orders spread over the last weeks whose
 * history walks a plausible path to their current state.
 */
import { createPrng, type Prng } from './prng.js';
import { formatShopDate } from './shop-clock.js';
import {
  ATTRIBUTE_NAMES, CARRIERS, CITIES, CONFIGURATIONS, COUNTRIES, FIRST_NAMES, LAST_NAMES, MAIL_DOMAINS, PAYMENTS, PRODUCTS, SEED_STATES, STREETS,
} from './seed-catalogue.js';
import { IVA, type NewOrderRow, type SandboxShop } from './sandbox-shop.js';

export interface SeedOptions {
  orders: number;
  seed: number;
}

const DAY = 86_400_000;
/** How far back the seeded orders go. */
const SPAN_DAYS = 42;

export function seedShop(shop: SandboxShop, options: SeedOptions): void {
  const rng = createPrng(options.seed);
  const startMs = shop.clock.nowMs();
  const at = (ms: number): string => formatShopDate(Math.min(ms, startMs));
  const shopStart = at(startMs - 400 * DAY);

  shop.addLanguage({ id: 1, name: 'Italiano (Italian)', iso_code: 'it', locale: 'it-IT', language_code: 'it-it', active: true, is_rtl: false, date_format_lite: 'd/m/Y', date_format_full: 'd/m/Y H:i:s' });
  shop.addLanguage({ id: 2, name: 'English (English)', iso_code: 'en', locale: 'en-US', language_code: 'en-us', active: true, is_rtl: false, date_format_lite: 'm/d/Y', date_format_full: 'm/d/Y H:i:s' });
  for (const [name, value] of CONFIGURATIONS) {
    const c = shop.setConfiguration(name, value);
    c.date_add = shopStart;
    c.date_upd = shopStart;
  }
  for (const [id, iso, it, en] of COUNTRIES) shop.addCountry({ id, iso_code: iso, name: { 1: it, 2: en }, active: true, contains_states: iso === 'IT' || iso === 'US' });
  shop.addShop({ id: 1, name: 'Bottega Italiana' });
  for (const s of SEED_STATES) {
    const { it, en, tpl, ...flags } = s;
    shop.addState({ ...flags, name: { 1: it, 2: en }, template: { 1: tpl, 2: tpl } });
  }

  const customerCount = Math.max(5, Math.ceil(options.orders / 3));
  const usedEmails = new Set<string>();
  for (let i = 1; i <= customerCount; i++) {
    const [firstname, gender] = rng.pick(FIRST_NAMES);
    const lastname = rng.pick(LAST_NAMES);
    const email = uniqueEmail(rng, firstname, lastname, usedEmails);
    const created = at(startMs - rng.int(SPAN_DAYS + 1, 400) * DAY - rng.int(0, DAY));
    shop.addCustomer({
      id: i, firstname, lastname, email, id_gender: gender, newsletter: rng.chance(0.3), optin: rng.chance(0.2),
      birthday: rng.chance(0.4) ? `${rng.int(1950, 2004)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}` : null,
      date_add: created, date_upd: created,
    });
    const addressCount = rng.chance(0.15) ? 2 : 1;
    for (let a = 0; a < addressCount; a++) {
      const [city, postcode, province, prefix] = rng.pick(CITIES);
      shop.addAddress({
        id_customer: i, id_state: province, alias: a === 0 ? 'Casa' : 'Ufficio', firstname, lastname,
        company: a === 1 ? `${lastname} S.r.l.` : '', vat_number: a === 1 ? `IT${String(rng.int(1e9, 9.99e9)).padStart(11, '0')}` : '',
        address1: `${rng.pick(STREETS)} ${rng.int(1, 180)}`, postcode, city,
        phone: `${prefix} ${rng.int(100000, 9999999)}`, phone_mobile: `3${rng.int(20, 49)} ${rng.int(1000000, 9999999)}`,
        date_add: created, date_upd: created,
      });
    }
  }

  const addressesByCustomer = new Map<number, number[]>();
  for (const a of shop.addresses.values()) addressesByCustomer.set(a.id_customer, [...(addressesByCustomer.get(a.id_customer) ?? []), a.id]);
  const paymentBag = PAYMENTS.flatMap((p) => Array.from({ length: p[3] }, () => p));

  // Order dates increase with the id, as in a real shop.
  const offsets = Array.from({ length: options.orders }, () => rng.int(0, SPAN_DAYS * DAY)).sort((a, b) => b - a);
  for (let i = 0; i < options.orders; i++) {
    const id = i + 1;
    const customerId = rng.int(1, customerCount);
    const addresses = addressesByCustomer.get(customerId) ?? [0];
    const delivery = rng.pick(addresses);
    const [module, payment, firstState] = rng.pick(paymentBag);
    const createdMs = startMs - (offsets[i] ?? 0);
    const rows: NewOrderRow[] = Array.from({ length: rng.int(1, 4) }, () => productRow(rng));
    const order = shop.addOrder({
      id, id_customer: customerId, id_address_delivery: delivery, id_address_invoice: rng.chance(0.9) ? delivery : rng.pick(addresses),
      id_carrier: rng.pick(CARRIERS), id_lang: rng.chance(0.9) ? 1 : 2, module, payment, current_state: firstState,
      reference: reference(rng), date_add: at(createdMs), rows,
    });
    // Walk the order forward; each step happens some hours after the previous one.
    let stepMs = createdMs + 1000;
    for (const next of pathAfter(firstState, rng)) {
      stepMs += rng.int(1, 72) * 3_600_000 + rng.int(0, 3_599_999);
      if (stepMs >= startMs) break;
      shop.setOrderState(order.id, next, { at: at(stepMs) });
    }
    if (order.current_state === 4 || order.current_state === 5) order.shipping_number = `${rng.int(100000000, 999999999)}`;
  }
}

/** The states an order goes through after its first one. */
function pathAfter(first: number, rng: Prng): number[] {
  const paid = [3, 4, 5];
  const roll = rng.next();
  if (first === 10 || first === 13 || first === 1) {
    if (roll < 0.12) return [6];
    if (roll < 0.22) return [];
    return [2, ...paid.slice(0, rng.int(0, 3))];
  }
  if (first === 11 || first === 2) {
    if (roll < 0.04) return [8];
    if (roll < 0.08) return [9, 3];
    const steps = paid.slice(0, rng.int(0, 3));
    return roll > 0.97 && steps.length === 3 ? [...steps, 7] : steps;
  }
  return [];
}

function productRow(rng: Prng): NewOrderRow {
  const [productId, ref, name, price, attributes] = rng.pick(PRODUCTS);
  const attribute = rng.pick(attributes);
  const incl = Math.round(price * (1 + IVA) * 100) / 100;
  return {
    product_id: productId, product_attribute_id: attribute, product_quantity: rng.chance(0.75) ? 1 : rng.int(2, 4),
    product_name: name + (ATTRIBUTE_NAMES[attribute] ?? ''), product_reference: ref,
    product_price: price, unit_price_tax_excl: price, unit_price_tax_incl: incl,
  };
}

function reference(rng: Prng): string {
  let out = '';
  for (let i = 0; i < 9; i++) out += String.fromCharCode(65 + rng.int(0, 25));
  return out;
}

function uniqueEmail(rng: Prng, first: string, last: string, used: Set<string>): string {
  const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  let email = `${base}@${rng.pick(MAIL_DOMAINS)}`;
  while (used.has(email)) email = `${base}${rng.int(1, 999)}@${rng.pick(MAIL_DOMAINS)}`;
  used.add(email);
  return email;
}

const pad = (n: number): string => String(n).padStart(2, '0');

