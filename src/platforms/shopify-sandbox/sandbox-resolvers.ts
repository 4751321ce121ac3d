import { GraphQLError } from 'graphql';
import type { SandboxShopifyStore, SbAddress, SbLine, SbOrder } from './sandbox-shop.js';

/** One executed mutation, for tests that count pushes. */
export interface SandboxMutation {
  field: string;
  variables: Record<string, unknown>;
  at: number;
  /** The mutation changed the shop (false: it answered userErrors). */
  applied: boolean;
  userErrors: string[];
}

export interface ResolverContext {
  store: SandboxShopifyStore;
  scopes: ReadonlySet<string>;
  mutations: SandboxMutation[];
  jobs: Map<string, { orderId: number; readsLeft: number; done: boolean }>;
  cancelJobReads: number;
  variables: Record<string, unknown>;
  /** Called after each applied change (webhooks). */
  onChange?(topic: string, order: SbOrder): void;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));
const money = (amount: number) => ({ shopMoney: { amount: amount.toFixed(2), currencyCode: 'EUR' }, presentmentMoney: { amount: amount.toFixed(2), currencyCode: 'EUR' } });

function requireScope(ctx: ResolverContext, field: string, anyOf: string[]): void {
  if (anyOf.some((scope) => ctx.scopes.has(scope))) return;
  const required = `\`${anyOf[0]}\` access scope.`;
  throw new GraphQLError(`Access denied for ${field} field. Required access: ${required}`, { extensions: { code: 'ACCESS_DENIED', requiredAccess: required } });
}

function gidNumber(gid: unknown, type: string): number | null {
  const match = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(String(gid));
  return match ? Number(match[1]) : null;
}

/** Cursor pages over a list; the cursor is the item's sort key, so a moved item is not skipped. */
function connection<T>(items: T[], args: { first?: number | null; after?: string | null }, key: (item: T) => string, node: (item: T) => unknown) {
  const first = Math.min(250, Math.max(0, args.first ?? 50));
  const rest = args.after ? items.filter((item) => key(item) > Buffer.from(String(args.after), 'base64url').toString()) : items;
  const page = rest.slice(0, first);
  const last = page.at(-1);
  return {
    nodes: page.map(node),
    edges: page.map((item) => ({ cursor: Buffer.from(key(item)).toString('base64url'), node: node(item) })),
    pageInfo: {
      hasNextPage: rest.length > page.length,
      hasPreviousPage: args.after != null,
      endCursor: last === undefined ? null : Buffer.from(key(last)).toString('base64url'),
      startCursor: page[0] === undefined ? null : Buffer.from(key(page[0])).toString('base64url'),
    },
  };
}

function addressNode(a: SbAddress | null) {
  return a === null ? null : { id: 'gid://shopify/MailingAddress/1?model_name=Address', ...a, countryCode: a.countryCodeV2 };
}

function lineNode(line: SbLine) {
  return {
    id: `gid://shopify/LineItem/${line.id}`, quantity: line.quantity, name: line.name, sku: line.sku,
    product: { id: `gid://shopify/Product/${line.productId}`, legacyResourceId: String(line.productId) },
    variant: { id: `gid://shopify/ProductVariant/${line.variantId}`, legacyResourceId: String(line.variantId) },
    originalUnitPriceSet: money(line.price), discountedUnitPriceSet: money(line.price),
    taxLines: [{ priceSet: money(line.tax), title: 'IVA', rate: 0.22 }],
  };
}

export function orderNode(ctx: ResolverContext, order: SbOrder) {
  const total = order.lines.reduce((sum, l) => sum + l.price * l.quantity, 0) + order.shippingPrice;
  const tax = order.lines.reduce((sum, l) => sum + l.tax, 0);
  return {
    __typename: 'Order',
    id: `gid://shopify/Order/${order.id}`, legacyResourceId: String(order.id), name: order.name,
    createdAt: iso(order.createdAt), updatedAt: iso(order.updatedAt), closed: order.closedAt !== null, closedAt: iso(order.closedAt), cancelledAt: iso(order.cancelledAt),
    displayFinancialStatus: order.financial, displayFulfillmentStatus: ctx.store.displayFulfillmentStatus(order),
    currencyCode: order.currency, presentmentCurrencyCode: order.currency, taxesIncluded: order.taxesIncluded, paymentGatewayNames: [order.gateway], email: order.email,
    totalPriceSet: money(total), subtotalPriceSet: money(total - order.shippingPrice), totalTaxSet: money(tax), totalShippingPriceSet: money(order.shippingPrice), currentTotalPriceSet: money(total),
    customer: order.customer === null ? null : { id: `gid://shopify/Customer/${order.customer.id}`, legacyResourceId: String(order.customer.id), firstName: order.customer.firstName, lastName: order.customer.lastName },
    shippingAddress: addressNode(order.shipping), billingAddress: addressNode(order.billing),
    lineItems: (args: { first?: number; after?: string }) => connection(order.lines, args, (l) => String(l.id).padStart(12, '0'), lineNode),
    fulfillmentOrders: (args: { first?: number; after?: string }) => {
      requireScope(ctx, 'fulfillmentOrders', ['read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders', 'read_fulfillments', 'write_fulfillments']);
      return connection(order.fulfillmentOrders, args, (fo) => String(fo.id).padStart(12, '0'), (fo) => ({ id: `gid://shopify/FulfillmentOrder/${fo.id}`, status: fo.status, updatedAt: iso(fo.updatedAt) }));
    },
  };
}

/** `updated_at:>='2026-11-30T10:00:00Z'` (and >, <, <=); other terms are ignored, as Shopify ignores unknown search terms. */
function orderFilter(query: string | null | undefined): (order: SbOrder) => boolean {
  const tests: Array<(o: SbOrder) => boolean> = [];
  for (const match of (query ?? '').matchAll(/updated_at:(>=|<=|>|<)'?([0-9T:.\-Z+]+)'?/g)) {
    const at = Date.parse(match[2]!);
    const op = match[1];
    tests.push((o) => (op === '>=' ? o.updatedAt >= at : op === '>' ? o.updatedAt > at : op === '<=' ? o.updatedAt <= at : o.updatedAt < at));
  }
  return (o) => tests.every((t) => t(o));
}

const sortKey = (o: SbOrder): string => `${String(o.updatedAt).padStart(15, '0')}:${String(o.id).padStart(12, '0')}`;

export function queryRoot(ctx: ResolverContext) {
  const { store } = ctx;
  return {
    shop: { name: store.shopName, currencyCode: store.currency, ianaTimezone: store.timezone, myshopifyDomain: 'bottega-italiana.myshopify.com' },
    currentAppInstallation: { accessScopes: [...ctx.scopes].map((handle) => ({ handle, description: handle })) },
    order: ({ id }: { id: string }) => {
      requireScope(ctx, 'order', ['read_orders', 'write_orders']);
      const order = store.orders.get(gidNumber(id, 'Order') ?? -1);
      return order ? orderNode(ctx, order) : null;
    },
    orders: (args: { first?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean }) => {
      requireScope(ctx, 'orders', ['read_orders', 'write_orders']);
      if (args.sortKey !== undefined && args.sortKey !== 'UPDATED_AT') throw new GraphQLError(`the sandbox sorts orders by UPDATED_AT only (got ${args.sortKey})`);
      const items = [...store.orders.values()].filter(orderFilter(args.query)).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
      return connection(items, args, sortKey, (o) => orderNode(ctx, o));
    },
    job: ({ id }: { id: string }) => {
      const job = ctx.jobs.get(id);
      if (!job) return null;
      if (!job.done) {
        job.readsLeft -= 1;
        if (job.readsLeft <= 0) finishCancel(ctx, id);
      }
      return { id, done: job.done };
    },
  };
}

function finishCancel(ctx: ResolverContext, jobId: string): void {
  const job = ctx.jobs.get(jobId)!;
  const order = ctx.store.orders.get(job.orderId)!;
  job.done = true;
  if (order.cancelledAt !== null) return;
  order.cancelledAt = ctx.store.nowSeconds();
  order.closedAt ??= order.cancelledAt;
  for (const fo of order.fulfillmentOrders) if (fo.status !== 'CLOSED') fo.status = 'CANCELLED';
  ctx.store.touch(order);
  ctx.onChange?.('orders/cancelled', order);
}

export function mutationRoot(ctx: ResolverContext) {
  const { store } = ctx;
  const record = (field: string, applied: boolean, userErrors: string[]) => {
    ctx.mutations.push({ field, variables: ctx.variables, at: store.clock.now(), applied, userErrors });
  };
  const orderOf = (id: string) => store.orders.get(gidNumber(id, 'Order') ?? -1) ?? null;
  const simple = (field: string, change: (order: SbOrder) => string | null, topic: string) => ({ input }: { input: { id: string } }) => {
    requireScope(ctx, field, ['write_orders']);
    const order = orderOf(input.id);
    const error = order === null ? 'Order does not exist' : change(order);
    record(field, error === null, error === null ? [] : [error]);
    if (error !== null || order === null) return { order: order ? orderNode(ctx, order) : null, userErrors: [{ field: ['id'], message: error }] };
    store.touch(order);
    ctx.onChange?.(topic, order);
    return { order: orderNode(ctx, order), userErrors: [] };
  };
  return {
    orderClose: simple('orderClose', (o) => {
      o.closedAt ??= store.nowSeconds();
      return null;
    }, 'orders/updated'),
    orderOpen: simple('orderOpen', (o) => {
      if (o.cancelledAt !== null) return 'Cancelled orders cannot be reopened';
      o.closedAt = null;
      return null;
    }, 'orders/updated'),
    orderMarkAsPaid: simple('orderMarkAsPaid', (o) => {
      if (o.financial === 'PAID') return 'Order cannot be marked as paid.';
      if (o.cancelledAt !== null) return 'Cancelled orders cannot be marked as paid.';
      o.financial = 'PAID';
      return null;
    }, 'orders/paid'),
    orderCancel: (args: { orderId: string; notifyCustomer?: boolean }) => {
      requireScope(ctx, 'orderCancel', ['write_orders']);
      const order = orderOf(args.orderId);
      const error = order === null ? { code: 'NOT_FOUND', message: 'Order does not exist' }
        : order.cancelledAt !== null || [...ctx.jobs.values()].some((j) => j.orderId === order.id) ? { code: 'INVALID', message: 'Cannot cancel an order that has already been cancelled' } : null;
      record('orderCancel', error === null, error === null ? [] : [error.message]);
      if (error !== null || order === null) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], ...error }] };
      const jobId = `gid://shopify/Job/${store.newId()}`;
      ctx.jobs.set(jobId, { orderId: order.id, readsLeft: ctx.cancelJobReads, done: false });
      if (args.notifyCustomer === true) store.notifications.push({ orderId: order.id, kind: 'cancellation', at: store.clock.now() });
      if (ctx.cancelJobReads <= 0) finishCancel(ctx, jobId);
      return { job: { id: jobId, done: ctx.jobs.get(jobId)!.done }, orderCancelUserErrors: [] };
    },
    fulfillmentCreate: ({ fulfillment }: { fulfillment: { lineItemsByFulfillmentOrder: Array<{ fulfillmentOrderId: string }>; notifyCustomer?: boolean; trackingInfo?: { number?: string; company?: string; url?: string } } }) => {
      requireScope(ctx, 'fulfillmentCreate', ['write_merchant_managed_fulfillment_orders', 'write_fulfillments']);
      const found = fulfillment.lineItemsByFulfillmentOrder.map((item) => ({ gid: item.fulfillmentOrderId, hit: store.findFulfillmentOrder(gidNumber(item.fulfillmentOrderId, 'FulfillmentOrder') ?? -1) }));
      const errors = found.flatMap(({ gid, hit }) => (hit === null ? [`Fulfillment order ${gid} does not exist.`]
        : hit.fo.status === 'OPEN' || hit.fo.status === 'IN_PROGRESS' ? [] : [`Fulfillment order ${gid} has an unfulfillable status= ${hit.fo.status.toLowerCase()}.`]));
      record('fulfillmentCreate', errors.length === 0, errors);
      if (errors.length > 0) return { fulfillment: null, userErrors: errors.map((message) => ({ field: ['fulfillment'], message })) };
      const id = store.newId();
      for (const { hit } of found) {
        hit!.fo.status = 'CLOSED';
        hit!.fo.updatedAt = store.nowSeconds();
        store.fulfillments.push({ id, orderId: hit!.order.id, fulfillmentOrderId: hit!.fo.id, tracking: fulfillment.trackingInfo ?? null, notifyCustomer: fulfillment.notifyCustomer === true });
        if (fulfillment.notifyCustomer === true) store.notifications.push({ orderId: hit!.order.id, kind: 'shipping-confirmation', at: store.clock.now() });
        store.touch(hit!.order);
        ctx.onChange?.('orders/fulfilled', hit!.order);
      }
      return { fulfillment: { id: `gid://shopify/Fulfillment/${id}`, status: 'SUCCESS' }, userErrors: [] };
    },
  };
}
