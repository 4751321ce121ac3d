import type { PushOrder, PushOptions, PushResult } from '../platform-port.js';
import {
  FULFILLMENT_CREATE_MUTATION, JOB_QUERY, ORDER_CANCEL_MUTATION, ORDER_CLOSE_MUTATION, ORDER_MARK_AS_PAID_MUTATION, ORDER_OPEN_MUTATION,
  type ShopifyDocument,
} from './graphql/index.js';
import type { GraphqlTransport } from './graphql-transport.js';
import { isApplied, openFulfillmentOrders, readOrderState, type OrderStateNode } from './order-state-read.js';
import { derivedStateCode, orderGid, type ShopifyStateCode } from './shopify-catalogue.js';
import type { ShopifyClock } from './shopify-clock.js';
import { ShopifyPlatformError } from './shopify-errors.js';
import type { ShopifySettings } from './shopify-settings.js';

interface UserError { field?: string[] | null; message: string; code?: string | null }

export interface PushContext {
  transport: GraphqlTransport;
  settings: ShopifySettings;
  clock: ShopifyClock;
  label: string;
  /** Job reads after orderCancel before the order is read (default 5), and the pause between them. */
  cancelJobPolls: number;
  cancelJobPollMs: number;
}

/** The variables of each mutation, shared by the push and its preview. */
export function cancelVariables(order: PushOrder, settings: ShopifySettings, sendEmail: boolean): Record<string, unknown> {
  return {
    orderId: orderGid(order.idOrigin),
    reason: 'OTHER',
    refund: settings.cancelRefund,
    restock: settings.cancelRestock,
    notifyCustomer: sendEmail,
    staffNote: 'Cancelled by ecom-sync',
  };
}

export function fulfillmentVariables(fulfillmentOrderId: string, order: PushOrder, sendEmail: boolean): Record<string, unknown> {
  const tracking = order.tracking;
  const trackingInfo = tracking === null || tracking.number === '' ? undefined : {
    number: tracking.number,
    ...(tracking.company ? { company: tracking.company } : {}),
    ...(tracking.url ? { url: tracking.url } : {}),
  };
  return {
    fulfillment: {
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId }],
      notifyCustomer: sendEmail,
      ...(trackingInfo ? { trackingInfo } : {}),
    },
  };
}

export const SIMPLE_MUTATIONS: Record<'closed' | 'open' | 'paid', { document: ShopifyDocument; field: string }> = {
  closed: { document: ORDER_CLOSE_MUTATION, field: 'orderClose' },
  open: { document: ORDER_OPEN_MUTATION, field: 'orderOpen' },
  paid: { document: ORDER_MARK_AS_PAID_MUTATION, field: 'orderMarkAsPaid' },
};

function orderMissing(ctx: PushContext, order: PushOrder): ShopifyPlatformError {
  return new ShopifyPlatformError('PLATFORM_ORDER_NOT_FOUND', `${ctx.label}: order ${order.reference} (${orderGid(order.idOrigin)}) does not exist on the shop`, {
    kind: 'bad-target', message: `order ${order.idOrigin} not found on Shopify`,
  });
}

const done = (evidence: PushResult['evidence'], alreadyThere = false, warnings: string[] = []): PushResult => ({ evidence, alreadyThere, warnings });

/**
 * A userError may mean "already so" (a closed fulfillment order, already cancelled, already
 * paid): a read decides. Applied → done without a change; otherwise Shopify's words, failed.
 */
async function afterUserErrors(ctx: PushContext, order: PushOrder, code: ShopifyStateCode, mutation: string, errors: UserError[], signal?: AbortSignal): Promise<PushResult> {
  const messages = errors.map((e) => e.message).join('; ');
  const state = await readOrderState(ctx.transport, order.idOrigin, signal);
  if (state === null) throw orderMissing(ctx, order);
  if (isApplied(code, state)) return done('read', true, [`Shopify answered "${messages}"; the order already is ${code}`]);
  const notFound = errors.some((e) => e.code === 'NOT_FOUND');
  throw new ShopifyPlatformError('SHOPIFY_USER_ERROR', `${ctx.label}: Shopify refused ${mutation} for order ${order.reference}: ${messages}`,
    notFound ? { kind: 'bad-target', message: messages } : { kind: 'refused', message: messages }, { details: { mutation, userErrors: errors, currentCode: derivedStateCode(state) } });
}

function badAnswer(ctx: PushContext, mutation: string, what: string): ShopifyPlatformError {
  return new ShopifyPlatformError('PLATFORM_BAD_RESPONSE', `${ctx.label}: ${mutation} answered without ${what}`, { kind: 'bad-response', message: `${mutation}: no ${what}` });
}

async function pushFulfilled(ctx: PushContext, order: PushOrder, options: PushOptions): Promise<PushResult> {
  const state = await readOrderState(ctx.transport, order.idOrigin, options.signal);
  if (state === null) throw orderMissing(ctx, order);
  const open = openFulfillmentOrders(state);
  if (open.length === 0) {
    if (isApplied('fulfilled', state)) return done('read', true);
    const statuses = state.fulfillmentOrders.nodes.map((fo) => fo.status).join(', ') || 'none';
    throw new ShopifyPlatformError('SHOPIFY_NOTHING_TO_FULFIL', `${ctx.label}: order ${order.reference} has no fulfillment order that can be fulfilled (statuses: ${statuses})`, {
      kind: 'refused', message: `no open fulfillment order (${statuses})`,
    });
  }
  // One mutation per fulfillment order (they may belong to different locations); a repeat reads first, so it only sends the ones still open.
  for (const fo of open) {
    const data = await ctx.transport.send<{ fulfillmentCreate: { fulfillment: { id: string; status: string } | null; userErrors: UserError[] } | null }>(
      FULFILLMENT_CREATE_MUTATION, { variables: fulfillmentVariables(fo.id, order, options.sendEmail), ...(options.signal ? { signal: options.signal } : {}) },
    );
    const payload = data.fulfillmentCreate;
    if (payload === null) throw badAnswer(ctx, 'fulfillmentCreate', 'a payload');
    if (payload.userErrors.length > 0) return afterUserErrors(ctx, order, 'fulfilled', 'fulfillmentCreate', payload.userErrors, options.signal);
    if (payload.fulfillment?.status !== 'SUCCESS') throw badAnswer(ctx, 'fulfillmentCreate', 'a successful fulfillment');
  }
  return done('answer');
}

async function pushCancelled(ctx: PushContext, order: PushOrder, options: PushOptions): Promise<PushResult> {
  const signalOpt = options.signal ? { signal: options.signal } : {};
  const data = await ctx.transport.send<{ orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: UserError[] } | null }>(
    ORDER_CANCEL_MUTATION, { variables: cancelVariables(order, ctx.settings, options.sendEmail), ...signalOpt },
  );
  const payload = data.orderCancel;
  if (payload === null) throw badAnswer(ctx, 'orderCancel', 'a payload');
  if (payload.orderCancelUserErrors.length > 0) return afterUserErrors(ctx, order, 'cancelled', 'orderCancel', payload.orderCancelUserErrors, options.signal);
  // Asynchronous: follow the job a few times, then the order itself is the evidence.
  let job = payload.job;
  for (let poll = 0; job !== null && !job.done && poll < ctx.cancelJobPolls; poll += 1) {
    await ctx.clock.sleep(ctx.cancelJobPollMs, options.signal);
    job = (await ctx.transport.send<{ job: { id: string; done: boolean } | null }>(JOB_QUERY, { variables: { id: job.id }, ...signalOpt })).job;
  }
  const state: OrderStateNode | null = await readOrderState(ctx.transport, order.idOrigin, options.signal);
  if (state === null) throw orderMissing(ctx, order);
  if (state.cancelledAt !== null) return done('read');
  if (job !== null && job.done) {
    throw new ShopifyPlatformError('SHOPIFY_CANCEL_FAILED', `${ctx.label}: Shopify's cancellation job for order ${order.reference} finished but the order is not cancelled`, {
      kind: 'refused', message: 'the cancellation job finished without cancelling the order',
    });
  }
  throw new ShopifyPlatformError('SHOPIFY_CANCEL_PENDING', `${ctx.label}: Shopify accepted the cancellation of order ${order.reference} but has not applied it yet`, { kind: 'outcome-unknown' });
}

async function pushSimple(ctx: PushContext, order: PushOrder, code: 'closed' | 'open' | 'paid', options: PushOptions): Promise<PushResult> {
  const { document, field } = SIMPLE_MUTATIONS[code];
  const data = await ctx.transport.send<Record<string, { order: (Partial<OrderStateNode> & { id: string }) | null; userErrors: UserError[] } | null>>(
    document, { variables: { input: { id: orderGid(order.idOrigin) } }, ...(options.signal ? { signal: options.signal } : {}) },
  );
  const payload = data[field];
  if (payload === null || payload === undefined) throw badAnswer(ctx, field, 'a payload');
  if (payload.userErrors.length > 0) return afterUserErrors(ctx, order, code, field, payload.userErrors, options.signal);
  const answered = payload.order;
  if (answered === null) throw badAnswer(ctx, field, 'the order');
  const evidence = code === 'paid' ? answered.displayFinancialStatus === 'PAID' : code === 'closed' ? answered.closed === true : answered.closed === false;
  if (!evidence) throw badAnswer(ctx, field, `the order in state ${code}`);
  return done('answer');
}

export function pushCode(ctx: PushContext, order: PushOrder, code: ShopifyStateCode, options: PushOptions): Promise<PushResult> {
  switch (code) {
    case 'fulfilled':
      return pushFulfilled(ctx, order, options);
    case 'cancelled':
      return pushCancelled(ctx, order, options);
    default:
      return pushSimple(ctx, order, code, options);
  }
}
