/** The WooCommerce sandbox's data: what a shop's database holds, as the REST API shows it. */
export interface WooSandboxStatus {
  slug: string;
  name: string;
  /** A status a plugin registered (not WooCommerce core). */
  custom: boolean;
}

export interface WooSandboxAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface WooSandboxLineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  sku: string;
  /** Money as strings, as WooCommerce sends it. */
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  price: number;
}

export interface WooSandboxOrder {
  id: number;
  number: string;
  status: string;
  currency: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SS` (WooCommerce's `_gmt` fields); the site is on UTC. */
  date_created_gmt: string;
  date_modified_gmt: string;
  total: string;
  total_tax: string;
  shipping_total: string;
  shipping_tax: string;
  discount_total: string;
  payment_method: string;
  payment_method_title: string;
  customer_id: number;
  billing: WooSandboxAddress;
  shipping: WooSandboxAddress;
  line_items: WooSandboxLineItem[];
}

export interface WooSandboxNote {
  id: number;
  orderId: number;
  note: string;
  date_created_gmt: string;
  customer_note: boolean;
}

/** A customer e-mail WooCommerce would have sent (`customer_completed_order`…). */
export interface WooSandboxEmail {
  orderId: number;
  to: string;
  template: string;
  status: string;
  at: string;
}

export type WooKeyPermissions = 'read' | 'write' | 'read_write';

export interface WooSandboxKey {
  consumerKey: string;
  consumerSecret: string;
  permissions: WooKeyPermissions;
}
