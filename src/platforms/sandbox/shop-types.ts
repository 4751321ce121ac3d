/**
 * The sandbox shop's rows. Field names are PrestaShop's own column names (snake_case) so that
 * tests read `shop.orders.get(5)?.current_state` exactly as the webservice would show it.
 * Multilingual values are keyed by language id.
 */
export type LangText = Record<number, string>;

export interface SandboxLanguage {
  id: number;
  name: string;
  iso_code: string;
  locale: string;
  language_code: string;
  active: boolean;
  is_rtl: boolean;
  date_format_lite: string;
  date_format_full: string;
}

export interface SandboxConfiguration {
  id: number;
  name: string;
  value: string;
  date_add: string;
  date_upd: string;
}

export interface SandboxOrderState {
  id: number;
  name: LangText;
  template: LangText;
  unremovable: boolean;
  delivery: boolean;
  hidden: boolean;
  send_email: boolean;
  module_name: string;
  invoice: boolean;
  color: string;
  logable: boolean;
  shipped: boolean;
  paid: boolean;
  pdf_delivery: boolean;
  pdf_invoice: boolean;
  deleted: boolean;
}

export interface SandboxCustomer {
  id: number;
  id_default_group: number;
  id_lang: number;
  id_gender: number;
  firstname: string;
  lastname: string;
  email: string;
  birthday: string | null;
  newsletter: boolean;
  optin: boolean;
  company: string;
  secure_key: string;
  active: boolean;
  is_guest: boolean;
  deleted: boolean;
  note: string;
  date_add: string;
  date_upd: string;
}

export interface SandboxAddress {
  id: number;
  id_customer: number;
  id_country: number;
  id_state: number;
  alias: string;
  company: string;
  lastname: string;
  firstname: string;
  vat_number: string;
  address1: string;
  address2: string;
  postcode: string;
  city: string;
  phone: string;
  phone_mobile: string;
  dni: string;
  deleted: boolean;
  date_add: string;
  date_upd: string;
}

export interface SandboxOrderRow {
  id: number;
  product_id: number;
  product_attribute_id: number;
  product_quantity: number;
  product_name: string;
  product_reference: string;
  product_price: number;
  unit_price_tax_incl: number;
  unit_price_tax_excl: number;
}

export interface SandboxOrder {
  id: number;
  reference: string;
  id_address_delivery: number;
  id_address_invoice: number;
  id_cart: number;
  id_currency: number;
  id_lang: number;
  id_customer: number;
  id_carrier: number;
  current_state: number;
  module: string;
  payment: string;
  invoice_number: number;
  invoice_date: string | null;
  delivery_number: number;
  delivery_date: string | null;
  valid: boolean;
  date_add: string;
  date_upd: string;
  shipping_number: string;
  id_shop_group: number;
  id_shop: number;
  secure_key: string;
  total_discounts: number;
  total_paid: number;
  total_paid_tax_incl: number;
  total_paid_tax_excl: number;
  total_paid_real: number;
  total_products: number;
  total_products_wt: number;
  total_shipping: number;
  conversion_rate: number;
  rows: SandboxOrderRow[];
}

export interface SandboxOrderHistory {
  id: number;
  id_order: number;
  id_order_state: number;
  /** 0 for webservice writes, the employee's id for back-office changes. */
  id_employee: number;
  date_add: string;
  /** Whether the write asked for the state's e-mail (`sendemail=1`); not part of the webservice output. */
  sendemail: boolean;
}

export interface SandboxEmail {
  orderId: number;
  stateId: number;
  to: string;
  template: string;
  at: string;
}

/** `/api/countries`: ids are the shop's own (a stock shop: 10 = Italy, 21 = United States). */
export interface SandboxCountry {
  id: number;
  iso_code: string;
  name: LangText;
  active: boolean;
  contains_states: boolean;
}

/** `/api/shops`: one per store of a multistore install. */
export interface SandboxShopEntity {
  id: number;
  id_shop_group: number;
  id_category: number;
  active: boolean;
  deleted: boolean;
  name: string;
  theme_name: string;
}
