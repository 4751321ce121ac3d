/**
 * The webservice's view of each resource: its XML names, its fields in PrestaShop's order, how
 * each field renders, and its associations. Renderers and filters only go through these
 * definitions, so the shapes live in one place.
 */
import type { SandboxShop } from './sandbox-shop.js';
import type { LangText, SandboxCustomer, SandboxOrder } from './shop-types.js';

export type FieldKind = 'id' | 'int' | 'string' | 'bool' | 'money' | 'date' | 'lang';
export type FieldValue = number | string | boolean | null | LangText;

export interface FieldDef<E> {
  name: string;
  kind: FieldKind;
  /** Linked resource: the value renders with `xlink:href="…/api/<href>/<value>"`. */
  href?: string;
  notFilterable?: boolean;
  get(entity: E): FieldValue;
}

export interface AssociationDef<E> {
  name: string;
  nodeType: string;
  virtualEntity?: boolean;
  api?: string;
  fields: FieldDef<Record<string, unknown>>[];
  items(entity: E): Record<string, unknown>[];
}

export interface ResourceDef<E extends { id: number } = { id: number }> {
  /** Plural, as in the URL and the list element: `order_states`. */
  name: string;
  /** Singular element name: `order_state`. */
  entity: string;
  fields: FieldDef<E>[];
  associations: AssociationDef<E>[];
  all(shop: SandboxShop): Iterable<E>;
  get(shop: SandboxShop, id: number): E | undefined;
  /** The shop's unsorted order is ascending id, so an id filter may read by key. */
  idOrderIsNatural: boolean;
  writable: boolean;
}

type Get<E> = (e: E) => FieldValue;
function f<E>(name: string, kind: FieldKind, extra: { href?: string; notFilterable?: boolean; get?: Get<E> } = {}): FieldDef<E> {
  const get: Get<E> = extra.get ?? ((e) => (e as Record<string, FieldValue>)[name] ?? null);
  return { name, kind, ...(extra.href ? { href: extra.href } : {}), ...(extra.notFilterable ? { notFilterable: true } : {}), get };
}

function resource<E extends { id: number }>(def: Omit<ResourceDef<E>, 'associations' | 'writable' | 'idOrderIsNatural'> & Partial<ResourceDef<E>>): ResourceDef<E> {
  return { associations: [], writable: false, idOrderIsNatural: true, ...def };
}

const orderRowFields: FieldDef<Record<string, unknown>>[] = [
  f('id', 'int'), f('product_id', 'int', { href: 'products' }), f('product_attribute_id', 'int'), f('product_quantity', 'int'),
  f('product_name', 'string'), f('product_reference', 'string'), f('product_price', 'money'),
  f('unit_price_tax_incl', 'money'), f('unit_price_tax_excl', 'money'),
];

export function buildResources(): Map<string, ResourceDef> {
  const list: ResourceDef<never>[] = [];
  const add = <E extends { id: number }>(def: ResourceDef<E>): void => {
    list.push(def as unknown as ResourceDef<never>);
  };

  add(resource({
    name: 'order_states', entity: 'order_state', idOrderIsNatural: false,
    all: (s) => s.orderStates.values(), get: (s, id) => s.orderStates.get(id),
    fields: [
      f('id', 'id'), f('unremovable', 'bool'), f('delivery', 'bool'), f('hidden', 'bool'), f('send_email', 'bool'),
      f('module_name', 'string'), f('invoice', 'bool'), f('color', 'string'), f('logable', 'bool'), f('shipped', 'bool'),
      f('paid', 'bool'), f('pdf_delivery', 'bool'), f('pdf_invoice', 'bool'), f('deleted', 'bool'), f('name', 'lang'), f('template', 'lang'),
    ],
  }));

  add(resource<SandboxOrder>({
    name: 'orders', entity: 'order',
    all: (s) => s.orders.values(), get: (s, id) => s.orders.get(id),
    fields: [
      f('id', 'id'), f('id_address_delivery', 'int', { href: 'addresses' }), f('id_address_invoice', 'int', { href: 'addresses' }),
      f('id_cart', 'int', { href: 'carts' }), f('id_currency', 'int', { href: 'currencies' }), f('id_lang', 'int', { href: 'languages' }),
      f('id_customer', 'int', { href: 'customers' }), f('id_carrier', 'int', { href: 'carriers' }),
      f('current_state', 'int', { href: 'order_states' }), f('module', 'string'), f('invoice_number', 'int'), f('invoice_date', 'date'),
      f('delivery_number', 'int'), f('delivery_date', 'date'), f('valid', 'bool'), f('date_add', 'date'), f('date_upd', 'date'),
      f('shipping_number', 'string', { notFilterable: true }), f('id_shop_group', 'int'), f('id_shop', 'int'), f('secure_key', 'string'),
      f('payment', 'string'), f('total_discounts', 'money'), f('total_paid', 'money'), f('total_paid_tax_incl', 'money'),
      f('total_paid_tax_excl', 'money'), f('total_paid_real', 'money'), f('total_products', 'money'), f('total_products_wt', 'money'),
      f('total_shipping', 'money'), f('conversion_rate', 'money'), f('reference', 'string'),
    ],
    associations: [{
      name: 'order_rows', nodeType: 'order_row', virtualEntity: true, fields: orderRowFields,
      items: (o) => o.rows as unknown as Record<string, unknown>[],
    }],
  }));

  add(resource({
    name: 'order_histories', entity: 'order_history', writable: true,
    all: (s) => s.orderHistories.values(), get: (s, id) => s.orderHistories.get(id),
    fields: [
      f('id', 'id'), f('id_employee', 'int', { href: 'employees' }), f('id_order_state', 'int', { href: 'order_states' }),
      f('id_order', 'int', { href: 'orders' }), f('date_add', 'date'),
    ],
  }));

  add(resource<SandboxCustomer>({
    name: 'customers', entity: 'customer',
    all: (s) => s.customers.values(), get: (s, id) => s.customers.get(id),
    fields: [
      f('id', 'id'), f('id_default_group', 'int', { href: 'groups' }), f('id_lang', 'int', { href: 'languages' }),
      f('newsletter_date_add', 'date', { get: () => null }), f('ip_registration_newsletter', 'string', { get: () => '' }),
      f('last_passwd_gen', 'date', { get: (c) => c.date_add }), f('secure_key', 'string', { notFilterable: true }), f('deleted', 'bool'),
      f('lastname', 'string'), f('firstname', 'string'), f('email', 'string'), f('id_gender', 'int'), f('birthday', 'string', { get: (c) => c.birthday ?? '0000-00-00' }),
      f('newsletter', 'bool'), f('optin', 'bool'), f('website', 'string', { get: () => '' }), f('company', 'string'),
      f('siret', 'string', { get: () => '' }), f('ape', 'string', { get: () => '' }), f('outstanding_allow_amount', 'money', { get: () => 0 }),
      f('show_public_prices', 'bool', { get: () => false }), f('id_risk', 'int', { get: () => 0 }), f('max_payment_days', 'int', { get: () => 0 }),
      f('active', 'bool'), f('note', 'string'), f('is_guest', 'bool'), f('id_shop', 'int', { get: () => 1 }),
      f('id_shop_group', 'int', { get: () => 1 }), f('date_add', 'date'), f('date_upd', 'date'),
      f('reset_password_token', 'string', { get: () => '' }), f('reset_password_validity', 'date', { get: () => null }),
    ],
    associations: [{
      name: 'groups', nodeType: 'group', api: 'groups', fields: [f('id', 'int')],
      items: (c) => [{ id: c.id_default_group }],
    }],
  }));

  add(resource({
    name: 'addresses', entity: 'address',
    all: (s) => s.addresses.values(), get: (s, id) => s.addresses.get(id),
    fields: [
      f('id', 'id'), f('id_customer', 'int', { href: 'customers' }), f('id_manufacturer', 'int', { href: 'manufacturers', get: () => 0 }),
      f('id_supplier', 'int', { href: 'suppliers', get: () => 0 }), f('id_warehouse', 'int', { href: 'warehouses', get: () => 0 }),
      f('id_country', 'int', { href: 'countries' }), f('id_state', 'int', { href: 'states' }), f('alias', 'string'),
      f('company', 'string'), f('lastname', 'string'), f('firstname', 'string'), f('vat_number', 'string'), f('address1', 'string'),
      f('address2', 'string'), f('postcode', 'string'), f('city', 'string'), f('other', 'string', { get: () => '' }), f('phone', 'string'),
      f('phone_mobile', 'string'), f('dni', 'string'), f('deleted', 'bool'), f('date_add', 'date'), f('date_upd', 'date'),
    ],
  }));

  add(resource({
    name: 'languages', entity: 'language',
    all: (s) => s.languages.values(), get: (s, id) => s.languages.get(id),
    fields: [
      f('id', 'id'), f('name', 'string'), f('iso_code', 'string'), f('locale', 'string'), f('language_code', 'string'),
      f('active', 'bool'), f('is_rtl', 'bool'), f('date_format_lite', 'string'), f('date_format_full', 'string'),
    ],
  }));

  add(resource({
    name: 'configurations', entity: 'configuration',
    all: (s) => s.configurations.values(), get: (s, id) => s.configurations.get(id),
    fields: [
      f('id', 'id'), f('value', 'string'), f('name', 'string'), f('id_shop_group', 'int', { get: () => 0 }),
      f('id_shop', 'int', { get: () => 0 }), f('date_add', 'date'), f('date_upd', 'date'),
    ],
  }));

  add(resource({
    name: 'countries', entity: 'country',
    all: (s) => s.countries.values(), get: (s, id) => s.countries.get(id),
    fields: [
      f('id', 'id'), f('id_zone', 'int', { href: 'zones', get: () => 1 }), f('id_currency', 'int', { get: () => 0 }), f('call_prefix', 'int', { get: () => 0 }),
      f('iso_code', 'string'), f('active', 'bool'), f('contains_states', 'bool'), f('need_identification_number', 'bool', { get: () => false }),
      f('need_zip_code', 'bool', { get: () => true }), f('zip_code_format', 'string', { get: () => '' }), f('display_tax_label', 'bool', { get: () => true }),
      f('name', 'lang'),
    ],
  }));

  add(resource({
    name: 'shops', entity: 'shop',
    all: (s) => s.shops.values(), get: (s, id) => s.shops.get(id),
    fields: [
      f('id', 'id'), f('id_shop_group', 'int', { href: 'shop_groups' }), f('id_category', 'int', { href: 'categories' }), f('active', 'bool'),
      f('deleted', 'bool'), f('name', 'string'), f('theme_name', 'string'),
    ],
  }));

  return new Map(list.map((r) => [r.name, r as unknown as ResourceDef]));
}

export const isDateField = (field: FieldDef<never>): boolean => field.kind === 'date';

/** The string PrestaShop shows for a scalar field (money with 6 decimals, booleans 0/1, unset dates as zeros). */
export function scalarText(kind: FieldKind, value: FieldValue): string {
  if (value === null || value === undefined) return kind === 'date' ? '0000-00-00 00:00:00' : kind === 'int' || kind === 'id' ? '0' : '';
  switch (kind) {
    case 'bool':
      return value ? '1' : '0';
    case 'money':
      return (value as number).toFixed(6);
    default:
      return typeof value === 'object' ? '' : String(value);
  }
}
