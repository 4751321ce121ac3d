/**
 * The in-memory shop behind the sandbox webservice. Every table is a Map by id (O(1) reads for
 * benchmarks); Map insertion order is the shop's own "unsorted" order, which is what the
 * webservice returns when a client does not ask for a sort.
 */
import { createShopClock, type ShopClock, type ShopClockOptions } from './shop-clock.js';
import type {
  LangText, SandboxAddress, SandboxConfiguration, SandboxCountry, SandboxCustomer, SandboxEmail, SandboxLanguage, SandboxOrder,
  SandboxOrderHistory, SandboxOrderRow, SandboxOrderState, SandboxShopEntity,
} from './shop-types.js';

export type NewOrderState = Partial<Omit<SandboxOrderState, 'name' | 'template'>> & { name: LangText; template?: LangText };
export type NewOrderRow = Partial<Omit<SandboxOrderRow, 'id'>> & { product_id: number };
export type NewOrder = Partial<Omit<SandboxOrder, 'rows'>> & { rows?: NewOrderRow[] };
export type NewCustomer = Partial<SandboxCustomer> & { firstname: string; lastname: string; email: string };
export type NewAddress = Partial<SandboxAddress> & { id_customer: number; address1: string; postcode: string; city: string };

export interface StateChangeOptions {
  /** 0 for webservice writes (PrestaShop records no employee), an employee id for back-office changes. */
  employeeId?: number;
  /** The `sendemail=1` request flag: e-mails the customer when the state has send_email. */
  sendEmail?: boolean;
  /** Defaults to the clock's now; the seed backdates its history. */
  at?: string;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
export const IVA = 0.22;

export class SandboxShop {
  readonly languages = new Map<number, SandboxLanguage>();
  readonly configurations = new Map<number, SandboxConfiguration>();
  readonly orderStates = new Map<number, SandboxOrderState>();
  readonly customers = new Map<number, SandboxCustomer>();
  readonly addresses = new Map<number, SandboxAddress>();
  readonly orders = new Map<number, SandboxOrder>();
  readonly orderHistories = new Map<number, SandboxOrderHistory>();
  readonly countries = new Map<number, SandboxCountry>();
  readonly shops = new Map<number, SandboxShopEntity>();
  /** E-mails the shop "sent" (state e-mails after `sendemail=1`). */
  readonly emailsSent: SandboxEmail[] = [];
  readonly clock: ShopClock;

  private readonly historiesByOrder = new Map<number, SandboxOrderHistory[]>();
  private readonly nextIds = { state: 1, customer: 1, address: 1, order: 1, row: 1, history: 1, configuration: 1, invoice: 1, delivery: 1 };

  constructor(clockOptions: ShopClockOptions = {}) {
    this.clock = createShopClock(clockOptions);
  }

  /** Shop local time, `YYYY-MM-DD HH:MM:SS`. */
  now(): string {
    return this.clock.now();
  }

  /** Sets the shop clock (and freezes it there) — for date_upd filtering tests. */
  setNow(time: string): void {
    this.clock.set(time);
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  defaultLanguageId(): number {
    for (const c of this.configurations.values()) if (c.name === 'PS_LANG_DEFAULT') return Number(c.value);
    return 1;
  }

  historiesOf(orderId: number): SandboxOrderHistory[] {
    return [...(this.historiesByOrder.get(orderId) ?? [])];
  }

  addCountry(country: SandboxCountry): SandboxCountry {
    this.countries.set(country.id, country);
    return country;
  }

  addShop(shop: Partial<SandboxShopEntity> & { id: number; name: string }): SandboxShopEntity {
    const row: SandboxShopEntity = { id_shop_group: 1, id_category: 2, active: true, deleted: false, theme_name: 'classic', ...shop };
    this.shops.set(row.id, row);
    return row;
  }

  addLanguage(language: SandboxLanguage): SandboxLanguage {
    this.languages.set(language.id, language);
    return language;
  }

  setConfiguration(name: string, value: string): SandboxConfiguration {
    for (const c of this.configurations.values()) {
      if (c.name === name) {
        c.value = value;
        c.date_upd = this.now();
        return c;
      }
    }
    const id = this.nextIds.configuration++;
    const row = { id, name, value, date_add: this.now(), date_upd: this.now() };
    this.configurations.set(id, row);
    return row;
  }

  addState(input: NewOrderState): SandboxOrderState {
    const id = input.id ?? Math.max(this.nextIds.state, ...this.orderStates.keys(), 0) + 1;
    this.nextIds.state = Math.max(this.nextIds.state, id);
    const state: SandboxOrderState = {
      unremovable: false, delivery: false, hidden: false, send_email: false, module_name: '', invoice: false, color: '#4169E1',
      logable: false, shipped: false, paid: false, pdf_delivery: false, pdf_invoice: false, deleted: false,
      ...input,
      id,
      name: { ...input.name },
      template: { ...(input.template ?? Object.fromEntries(Object.keys(input.name).map((k) => [k, '']))) },
    };
    this.orderStates.set(id, state);
    return state;
  }

  renameState(id: number, languageId: number, name: string): SandboxOrderState {
    const state = this.requireState(id);
    state.name[languageId] = name;
    return state;
  }

  /** PrestaShop never removes a state: it sets deleted=1 and keeps listing it. */
  deleteState(id: number): SandboxOrderState {
    const state = this.requireState(id);
    state.deleted = true;
    return state;
  }

  addCustomer(input: NewCustomer): SandboxCustomer {
    const id = input.id ?? this.nextIds.customer;
    this.nextIds.customer = Math.max(this.nextIds.customer, id + 1);
    const now = this.now();
    const customer: SandboxCustomer = {
      id_default_group: 3, id_lang: this.defaultLanguageId(), id_gender: 0, birthday: null, newsletter: false, optin: false, company: '',
      secure_key: fakeHex(id * 7919, 32), active: true, is_guest: false, deleted: false, note: '', date_add: now, date_upd: now,
      ...input,
      id,
    };
    this.customers.set(id, customer);
    return customer;
  }

  addAddress(input: NewAddress): SandboxAddress {
    const id = input.id ?? this.nextIds.address;
    this.nextIds.address = Math.max(this.nextIds.address, id + 1);
    const customer = this.customers.get(input.id_customer);
    const now = this.now();
    const address: SandboxAddress = {
      id_country: 10, id_state: 0, alias: 'Il mio indirizzo', company: '', lastname: customer?.lastname ?? '', firstname: customer?.firstname ?? '',
      vat_number: '', address2: '', phone: '', phone_mobile: '', dni: '', deleted: false, date_add: now, date_upd: now,
      ...input,
      id,
    };
    this.addresses.set(id, address);
    return address;
  }

  /**
   * Adds an order as a checkout would: totals from the rows (IVA 22%) unless given, and a first
   * history row for its initial state.
   */
  addOrder(input: NewOrder = {}): SandboxOrder {
    const id = input.id ?? this.nextIds.order;
    this.nextIds.order = Math.max(this.nextIds.order, id + 1);
    const customerId = input.id_customer ?? this.customers.keys().next().value;
    if (customerId === undefined) throw new Error('addOrder: the shop has no customer');
    const address = [...this.addresses.values()].find((a) => a.id_customer === customerId);
    const now = input.date_add ?? this.now();
    const rows = (input.rows ?? [{ product_id: 1 }]).map((r) => this.buildRow(r));
    const products = round2(rows.reduce((s, r) => s + r.unit_price_tax_excl * r.product_quantity, 0));
    const productsWt = round2(rows.reduce((s, r) => s + r.unit_price_tax_incl * r.product_quantity, 0));
    const shipping = input.total_shipping ?? (productsWt >= 49 ? 0 : 6.9);
    const paidIncl = round2(productsWt + shipping);
    const paidExcl = round2(products + shipping / (1 + IVA));
    const state = input.current_state ?? 2;
    const { rows: _ignored, ...rest } = input;
    const order: SandboxOrder = {
      reference: fakeReference(id),
      id_address_delivery: address?.id ?? 0,
      id_address_invoice: address?.id ?? 0,
      id_cart: id,
      id_currency: 1,
      id_lang: this.defaultLanguageId(),
      id_carrier: 2,
      module: 'ps_wirepayment',
      payment: 'Bonifico bancario',
      invoice_number: 0,
      invoice_date: null,
      delivery_number: 0,
      delivery_date: null,
      valid: false,
      date_upd: now,
      shipping_number: '',
      id_shop_group: 1,
      id_shop: 1,
      secure_key: fakeHex(id * 104729, 32),
      total_discounts: 0,
      total_paid: paidIncl,
      total_paid_tax_incl: paidIncl,
      total_paid_tax_excl: paidExcl,
      total_paid_real: 0,
      total_products: products,
      total_products_wt: productsWt,
      total_shipping: shipping,
      conversion_rate: 1,
      ...rest,
      id,
      id_customer: customerId,
      current_state: 0,
      date_add: now,
      rows,
    };
    this.orders.set(id, order);
    this.changeOrderState(id, state, { employeeId: 0, at: now });
    if (input.date_upd !== undefined) order.date_upd = input.date_upd;
    return order;
  }

  /** A change made on the shop's side (back office): new history row, current_state and date_upd. */
  setOrderState(orderId: number, stateId: number, options: StateChangeOptions = {}): SandboxOrderHistory {
    return this.changeOrderState(orderId, stateId, { employeeId: 1, ...options });
  }

  /**
   * What OrderHistory::add + changeIdOrderState do: a new history row every time (never
   * idempotent), the order's current_state and date_upd, invoice/delivery numbers when the
   * state asks for them, and the state's e-mail when requested.
   */
  changeOrderState(orderId: number, stateId: number, options: StateChangeOptions = {}): SandboxOrderHistory {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    const state = this.requireState(stateId);
    const at = options.at ?? this.now();
    const history: SandboxOrderHistory = {
      id: this.nextIds.history++,
      id_order: orderId,
      id_order_state: stateId,
      id_employee: options.employeeId ?? 0,
      date_add: at,
      sendemail: options.sendEmail ?? false,
    };
    this.orderHistories.set(history.id, history);
    const list = this.historiesByOrder.get(orderId);
    if (list) list.push(history);
    else this.historiesByOrder.set(orderId, [history]);

    order.current_state = stateId;
    order.date_upd = at;
    if (state.logable) order.valid = true;
    if (state.paid && order.total_paid_real === 0) order.total_paid_real = order.total_paid_tax_incl;
    if (state.invoice && order.invoice_number === 0) {
      order.invoice_number = this.nextIds.invoice++;
      order.invoice_date = at;
    }
    if ((state.delivery || state.shipped) && order.delivery_number === 0) {
      order.delivery_number = this.nextIds.delivery++;
      order.delivery_date = at;
    }
    if (options.sendEmail && state.send_email) {
      const customer = this.customers.get(order.id_customer);
      this.emailsSent.push({
        orderId, stateId, to: customer?.email ?? '', template: state.template[order.id_lang] ?? state.template[1] ?? '', at,
      });
    }
    return history;
  }

  requireState(id: number): SandboxOrderState {
    const state = this.orderStates.get(id);
    if (!state) throw new Error(`no order state ${id}`);
    return state;
  }

  private buildRow(input: NewOrderRow): SandboxOrderRow {
    const excl = input.unit_price_tax_excl ?? round6((input.unit_price_tax_incl ?? 12.2) / (1 + IVA));
    const incl = input.unit_price_tax_incl ?? round6(excl * (1 + IVA));
    return {
      product_attribute_id: 0,
      product_quantity: 1,
      product_name: `Prodotto ${input.product_id}`,
      product_reference: `demo_${input.product_id}`,
      product_price: excl,
      ...input,
      unit_price_tax_excl: excl,
      unit_price_tax_incl: incl,
      id: this.nextIds.row++,
    };
  }
}

/** Deterministic hex strings for secure keys (not secrets: fake data of a fake shop). */
function fakeHex(seed: number, length: number): string {
  let out = '';
  let x = (seed ^ 0x9e3779b9) >>> 0;
  while (out.length < length) {
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
    out += (x & 0xffff).toString(16).padStart(4, '0');
  }
  return out.slice(0, length);
}

/** Nine uppercase letters, like PrestaShop's Order::generateReference(). */
export function fakeReference(seed: number): string {
  let x = (seed * 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < 9; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    x = (x + 0x9e3779b9 + i) >>> 0;
    out += String.fromCharCode(65 + (x % 26));
  }
  return out;
}
