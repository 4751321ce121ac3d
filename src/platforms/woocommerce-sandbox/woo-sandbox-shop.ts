import type { WooSandboxEmail, WooSandboxKey, WooSandboxNote, WooSandboxOrder, WooSandboxStatus } from './woo-shop-types.js';
import { toWooGmt, type WooShopClock } from './woo-shop-clock.js';

/** WooCommerce core statuses (labels as in an English shop) and one status a shipping plugin adds. */
export const SANDBOX_STATUSES: readonly WooSandboxStatus[] = [
  { slug: 'pending', name: 'Pending payment', custom: false },
  { slug: 'processing', name: 'Processing', custom: false },
  { slug: 'on-hold', name: 'On hold', custom: false },
  { slug: 'completed', name: 'Completed', custom: false },
  { slug: 'cancelled', name: 'Cancelled', custom: false },
  { slug: 'refunded', name: 'Refunded', custom: false },
  { slug: 'failed', name: 'Failed', custom: false },
  { slug: 'checkout-draft', name: 'Draft', custom: false },
  { slug: 'spedito-parziale', name: 'Spedito parziale', custom: true },
];

/** WooCommerce's customer e-mails per status entered (WC_Emails); other statuses mail nobody or the admin. */
const CUSTOMER_EMAIL_TEMPLATES: Record<string, string> = {
  processing: 'customer_processing_order',
  completed: 'customer_completed_order',
  'on-hold': 'customer_on_hold_order',
  refunded: 'customer_refunded_order',
};

export interface StatusChange {
  orderId: number;
  from: string;
  to: string;
  at: string;
}

/** The shop's state and WooCommerce's rules for a status change. */
export class WooSandboxShop {
  readonly statuses: WooSandboxStatus[] = SANDBOX_STATUSES.map((s) => ({ ...s }));
  readonly orders = new Map<number, WooSandboxOrder>();
  readonly notes: WooSandboxNote[] = [];
  readonly emails: WooSandboxEmail[] = [];
  readonly keys: WooSandboxKey[] = [];
  /** Every save of an order (a status change or not), in order: what fires `order.updated`. */
  readonly saves: Array<{ orderId: number; changed: StatusChange | null }> = [];
  private nextNoteId = 1;
  private listeners: Array<(order: WooSandboxOrder, change: StatusChange | null) => void> = [];

  constructor(readonly clock: WooShopClock) {}

  statusName(slug: string): string {
    return this.statuses.find((s) => s.slug === slug)?.name ?? slug;
  }

  hasStatus(slug: string): boolean {
    return this.statuses.some((s) => s.slug === slug);
  }

  addStatus(slug: string, name: string): void {
    if (!this.hasStatus(slug)) this.statuses.push({ slug, name, custom: true });
  }

  removeStatus(slug: string): void {
    const index = this.statuses.findIndex((s) => s.slug === slug);
    if (index !== -1) this.statuses.splice(index, 1);
  }

  addOrder(order: WooSandboxOrder): void {
    this.orders.set(order.id, order);
  }

  onSave(listener: (order: WooSandboxOrder, change: StatusChange | null) => void): void {
    this.listeners.push(listener);
  }

  /** Touches an order as an admin edit would (address, items…): date_modified moves, the status stays. */
  touch(orderId: number): WooSandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new RangeError(`no sandbox order ${orderId}`);
    order.date_modified_gmt = toWooGmt(this.clock.now());
    this.saved(order, null);
    return order;
  }

  /**
   * `$order->set_status()` then `save()`: the order is saved (date_modified moves) either way; only
   * a different status adds the note "Order status changed from X to Y." and sends the e-mail.
   */
  setStatus(orderId: number, slug: string): { order: WooSandboxOrder; change: StatusChange | null } {
    const order = this.orders.get(orderId);
    if (!order) throw new RangeError(`no sandbox order ${orderId}`);
    const now = this.clock.now();
    const at = toWooGmt(now);
    order.date_modified_gmt = at;
    let change: StatusChange | null = null;
    if (order.status !== slug) {
      change = { orderId, from: order.status, to: slug, at };
      this.notes.push({ id: this.nextNoteId++, orderId, note: `Order status changed from ${this.statusName(order.status)} to ${this.statusName(slug)}.`, date_created_gmt: at, customer_note: false });
      order.status = slug;
      const template = CUSTOMER_EMAIL_TEMPLATES[slug];
      if (template !== undefined && order.billing.email) this.emails.push({ orderId, to: order.billing.email, template, status: slug, at });
    }
    this.saved(order, change);
    return { order, change };
  }

  notesOf(orderId: number): WooSandboxNote[] {
    return this.notes.filter((n) => n.orderId === orderId);
  }

  emailsOf(orderId: number): WooSandboxEmail[] {
    return this.emails.filter((e) => e.orderId === orderId);
  }

  private saved(order: WooSandboxOrder, change: StatusChange | null): void {
    this.saves.push({ orderId: order.id, changed: change });
    for (const listener of this.listeners) listener(order, change);
  }
}
