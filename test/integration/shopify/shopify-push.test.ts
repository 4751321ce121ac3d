import { afterEach, describe, expect, it } from 'vitest';
import { order, startRig, target, type Rig } from './shopify-helpers.js';

// Seeded kinds cycle every 8 orders from #1001: open, paid, fulfilled, cancelled, closed, partially fulfilled, on hold, paid+closed.
const OPEN = 1001;
const PAID = 1002;
const FULFILLED = 1003;
const CANCELLED = 1004;
const CLOSED = 1005;
const PARTIAL = 1006;
const ON_HOLD = 1007;

let rig: Rig;
afterEach(async () => rig.close());

/** What the core does with an error: classify; in doubt, read before any repeat. */
async function deliver(idOrigin: number, code: Parameters<typeof target>[0]) {
  try {
    return { result: await rig.platform.push(order(idOrigin), target(code), { sendEmail: false }), class: null };
  } catch (error) {
    const errorClass = rig.platform.classify(error);
    if (errorClass.kind !== 'outcome-unknown') return { result: null, class: errorClass };
    const state = await rig.platform.readPushState(order(idOrigin), target(code));
    return { result: null, class: errorClass, state };
  }
}

describe('Shopify push per code against the sandbox', () => {
  it('pushes each code once, with the answer as evidence, and reads each back as applied', async () => {
    rig = await startRig();
    const cases = [
      [OPEN + 8, 'fulfilled', 'fulfillmentCreate'],
      [OPEN + 16, 'paid', 'orderMarkAsPaid'],
      [OPEN + 24, 'closed', 'orderClose'],
      [CLOSED, 'open', 'orderOpen'],
    ] as const;
    for (const [id, code, mutation] of cases) {
      const before = rig.sandbox.mutations.length;
      const result = await rig.platform.push(order(id, { number: 'TRK1', company: 'BRT', url: null }), target(code), { sendEmail: true });
      expect(result).toEqual({ evidence: 'answer', alreadyThere: false, warnings: [] });
      expect(rig.sandbox.mutations.slice(before).map((m) => m.field)).toEqual([mutation]);
      expect(await rig.platform.readPushState(order(id), target(code))).toEqual({ kind: 'applied' });
    }
    expect(rig.sandbox.store.fulfillments.at(-1)?.tracking).toEqual({ number: 'TRK1', company: 'BRT' });
    expect(rig.sandbox.store.notifications.map((n) => [n.orderId, n.kind])).toEqual([[OPEN + 8, 'shipping-confirmation']]);
  });

  it('cancels with reason OTHER, no refund, no restock, and follows the asynchronous job', async () => {
    rig = await startRig({ cancelJobReads: 2 });
    const result = await rig.platform.push(order(OPEN), target('cancelled'), { sendEmail: false });
    expect(result.evidence).toBe('read');
    expect(rig.sandbox.mutations.map((m) => [m.field, m.variables])).toEqual([['orderCancel', expect.objectContaining({ reason: 'OTHER', refund: false, restock: false, notifyCustomer: false })]]);
    expect(rig.sandbox.requests.filter((r) => r.field === 'job')).toHaveLength(2);
    expect(rig.sandbox.store.orders.get(OPEN)!.cancelledAt).not.toBeNull();
    expect(rig.sleeps).toEqual([500, 500]);
  });

  it('an "already so" userError ends in a read: done, already on the shop, never a failure', async () => {
    rig = await startRig();
    const cancelled = await rig.platform.push(order(CANCELLED), target('cancelled'), { sendEmail: false });
    expect(cancelled).toMatchObject({ evidence: 'read', alreadyThere: true });
    expect(cancelled.warnings[0]).toContain('already been cancelled');
    const paid = await rig.platform.push(order(PAID), target('paid'), { sendEmail: false });
    expect(paid).toMatchObject({ evidence: 'read', alreadyThere: true });
    // Fulfilled: the read before the mutation already shows it, nothing is sent.
    const fulfilled = await rig.platform.push(order(FULFILLED), target('fulfilled'), { sendEmail: false });
    expect(fulfilled).toMatchObject({ evidence: 'read', alreadyThere: true });
    expect(rig.sandbox.mutations.map((m) => [m.field, m.applied])).toEqual([['orderCancel', false], ['orderMarkAsPaid', false]]);
  });

  it('a closed fulfillment order userError (a race) is read and done', async () => {
    rig = await startRig();
    // Fulfil the order behind the client's back between its read and its mutation.
    const store = rig.sandbox.store;
    const fo = store.orders.get(OPEN + 8)!.fulfillmentOrders[0]!;
    const original = rig.sandbox.faults.take.bind(rig.sandbox.faults);
    rig.sandbox.faults.take = (field) => {
      if (field === 'fulfillmentCreate') fo.status = 'CLOSED';
      return original(field);
    };
    const result = await rig.platform.push(order(OPEN + 8), target('fulfilled'), { sendEmail: false });
    expect(result).toMatchObject({ evidence: 'read', alreadyThere: true });
    expect(result.warnings[0]).toContain('unfulfillable status= closed');
  });

  it('any other userError fails, quoting Shopify', async () => {
    rig = await startRig();
    await expect(rig.platform.push(order(CANCELLED), target('open'), { sendEmail: false })).rejects.toThrow('Cancelled orders cannot be reopened');
    const error = await rig.platform.push(order(CANCELLED), target('paid'), { sendEmail: false }).catch((e: unknown) => e);
    expect(rig.platform.classify(error)).toEqual({ kind: 'refused', message: 'Cancelled orders cannot be marked as paid.' });
    const hold = await rig.platform.push(order(ON_HOLD), target('fulfilled'), { sendEmail: false }).catch((e: unknown) => e);
    expect(rig.platform.classify(hold)).toMatchObject({ kind: 'refused', message: expect.stringContaining('ON_HOLD') });
    const missing = await rig.platform.push(order(99999), target('closed'), { sendEmail: false }).catch((e: unknown) => e);
    expect(rig.platform.classify(missing)).toMatchObject({ kind: 'bad-target' });
    expect(await rig.platform.readPushState(order(99999), target('closed'))).toEqual({ kind: 'order-missing' });
  });

  it.each([
    ['applyThen500', 'closed', 'orderClose'],
    ['applyThenDrop', 'paid', 'orderMarkAsPaid'],
    ['applyThen500', 'fulfilled', 'fulfillmentCreate'],
    ['applyThenDrop', 'cancelled', 'orderCancel'],
  ] as const)('%s on %s: outcome unknown, the read shows it applied, no second mutation', async (fault, code, field) => {
    rig = await startRig({ cancelJobReads: 0 });
    rig.sandbox.faults.failNext(fault, { field });
    const outcome = await deliver(OPEN + 8, code);
    expect(outcome.class).toEqual({ kind: 'outcome-unknown' });
    expect(outcome.state).toEqual({ kind: 'applied' });
    expect(rig.sandbox.mutations.filter((m) => m.field === field)).toHaveLength(1);
  });

  it('a dropped connection before the mutation ran: in doubt, the read says not applied, so the core may send again', async () => {
    rig = await startRig();
    rig.sandbox.faults.failNext('drop', { field: 'orderClose' });
    const outcome = await deliver(OPEN, 'closed');
    expect(outcome.state).toEqual({ kind: 'not-applied', currentCode: 'open' });
    expect(rig.sandbox.mutations).toHaveLength(0);
    expect((await deliver(OPEN, 'closed')).result).toMatchObject({ evidence: 'answer' });
    expect(rig.sandbox.mutations).toHaveLength(1);
  });

  it('a 5xx on a read is retryable, not in doubt', async () => {
    rig = await startRig();
    rig.sandbox.faults.failNext('http503', { field: 'order' });
    const error = await rig.platform.readPushState(order(OPEN), target('closed')).catch((e: unknown) => e);
    expect(rig.platform.classify(error)).toEqual({ kind: 'retryable' });
  });

  it('partially fulfilled: only the still-open fulfillment order is sent', async () => {
    rig = await startRig();
    await rig.platform.push(order(PARTIAL), target('fulfilled'), { sendEmail: false });
    expect(rig.sandbox.mutations.map((m) => m.variables)).toEqual([{ fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${PARTIAL * 10}` }], notifyCustomer: false } }]);
  });

  it('an unknown code is a bad target, nothing sent', async () => {
    rig = await startRig();
    const error = await rig.platform.push(order(OPEN), { code: 'shipped', idPlatformState: 9, name: 'x' }, { sendEmail: false }).catch((e: unknown) => e);
    expect(rig.platform.classify(error)).toMatchObject({ kind: 'bad-target' });
    expect(await rig.platform.readTargetStatus({ code: 'shipped', idPlatformState: 9, name: 'x' })).toBe('missing');
    expect(await rig.platform.readTargetStatus({ code: 'closed', idPlatformState: 5, name: 'x' })).toBe('active');
    expect(rig.sandbox.requests).toHaveLength(0);
  });

  it('describePush gives the exact requests with variables and no token', async () => {
    rig = await startRig();
    const preview = rig.platform.describePush(order(OPEN, { number: 'TRK9', company: null, url: 'https://t.example/TRK9' }), target('fulfilled'), { sendEmail: true });
    expect(preview.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(preview.requests[0]!.url).toBe(`${rig.sandbox.url}/admin/api/2026-10/graphql.json`);
    const body = JSON.parse(preview.requests[1]!.body!) as { query: string; variables: { fulfillment: unknown } };
    expect(body.query).toContain('fulfillmentCreate');
    expect(body.variables.fulfillment).toMatchObject({ notifyCustomer: true, trackingInfo: { number: 'TRK9', url: 'https://t.example/TRK9' } });
    expect(JSON.stringify(preview)).not.toContain(rig.sandbox.accessToken!);
    expect(preview.customerEmail).toBe(true);
    const cancel = rig.platform.describePush(order(OPEN), target('cancelled'), { sendEmail: false });
    expect(JSON.parse(cancel.requests[0]!.body!).variables).toMatchObject({ reason: 'OTHER', refund: false, restock: false });
    expect(rig.sandbox.requests).toHaveLength(0);
  });
});
