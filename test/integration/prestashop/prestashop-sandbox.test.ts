import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { createHttpAgent } from '../../../src/platforms/http-agent.js';
import { createPrestaShopPlatform, type PrestaShopPlatform } from '../../../src/platforms/prestashop/index.js';
import { retryPlatformCall } from '../../../src/platforms/retry.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';

const fastReads = { attempts: 3, minTimeoutMs: 5, factor: 2, maxTimeoutMs: 20 };

let sandbox: Sandbox;
const agent = createHttpAgent({ connectTimeoutMs: 2000, connections: 8 });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 40, seed: 7 });
});
afterEach(() => {
  sandbox.faults.clear();
});
afterAll(async () => {
  await sandbox.close();
  await agent.close();
});

function client(options: { format?: 'xml' | 'json'; apiKey?: string } = {}): PrestaShopPlatform {
  return createPrestaShopPlatform(
    { baseUrl: sandbox.url, apiKey: options.apiKey ?? sandbox.apiKey, storeId: 1, storeName: 'Bottega IT' },
    { dispatcher: agent, totalTimeoutMs: 5000, readRetry: fastReads, ...(options.format === undefined ? {} : { format: options.format }) },
  );
}

/** An order of the sandbox and a live state it is not in, chosen from the shop itself (never hard-coded ids). */
function orderAndOtherState(skip = 0): { orderId: number; stateId: number; before: number } {
  const order = [...sandbox.shop.orders.values()][skip];
  if (order === undefined) throw new Error('sandbox has too few orders');
  const state = [...sandbox.shop.orderStates.values()].find((s) => !s.deleted && s.id !== order.current_state);
  if (state === undefined) throw new Error('sandbox has no other state');
  return { orderId: order.id, stateId: state.id, before: order.current_state };
}

function requestsSince(mark: number) {
  return sandbox.requests.slice(mark);
}

describe.each(['xml', 'json'] as const)('pullStates (%s)', (format) => {
  it('reads the whole catalogue in one request, sorted by id, names in the asked language, deleted flagged', async () => {
    const toDelete = [...sandbox.shop.orderStates.values()].at(-1)!;
    sandbox.shop.deleteState(toDelete.id);
    const mark = sandbox.requests.length;
    const states1 = await client({ format }).pullStates({ languageId: 1 });
    const states2 = await client({ format }).pullStates({ languageId: 2 });
    const shopStates = [...sandbox.shop.orderStates.values()].sort((a, b) => a.id - b.id);

    expect(states1.map((s) => s.id)).toEqual(shopStates.map((s) => s.id));
    expect(states1.map((s) => s.name)).toEqual(shopStates.map((s) => s.name[1]));
    expect(states2.map((s) => s.name)).toEqual(shopStates.map((s) => s.name[2] ?? s.name[1]));
    expect(states1.map((s) => s.deleted)).toEqual(shopStates.map((s) => s.deleted));
    expect(states1.find((s) => s.id === toDelete.id)?.deleted).toBe(true);
    expect(states1.map((s) => s.sendEmail)).toEqual(shopStates.map((s) => s.send_email));
    expect(states1.map((s) => s.paid)).toEqual(shopStates.map((s) => s.paid));

    const requests = requestsSince(mark);
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.path === '/api/order_states' && r.status === 200 && r.format === format.toUpperCase())).toBe(true);
  });

  it('without a language gives a name in some language of the shop', async () => {
    const states = await client({ format }).pullStates();
    for (const state of states) {
      const names = Object.values(sandbox.shop.orderStates.get(state.id)!.name);
      expect(names).toContain(state.name);
    }
  });
});

describe('pushState', () => {
  it('creates one history row, moves the order, and e-mails only with sendEmail', async () => {
    const { orderId, stateId } = orderAndOtherState(0);
    sandbox.shop.orderStates.get(stateId)!.send_email = true;
    const platform = client();
    const historiesBefore = sandbox.shop.historiesOf(orderId).length;
    const emailsBefore = sandbox.shop.emailsSent.length;
    const mark = sandbox.requests.length;

    const quiet = await platform.pushState(orderId, stateId, { sendEmail: false });
    expect(sandbox.shop.orders.get(orderId)!.current_state).toBe(stateId);
    expect(sandbox.shop.emailsSent).toHaveLength(emailsBefore);
    const loud = await platform.pushState(orderId, stateId, { sendEmail: true });
    expect(sandbox.shop.emailsSent).toHaveLength(emailsBefore + 1);

    const histories = sandbox.shop.historiesOf(orderId);
    expect(histories).toHaveLength(historiesBefore + 2);
    expect([quiet.historyId, loud.historyId]).toEqual(histories.slice(-2).map((h) => h.id));
    const posts = requestsSince(mark);
    expect(posts.map((r) => [r.method, r.path, r.query, r.status])).toEqual([
      ['POST', '/api/order_histories', '', 201],
      ['POST', '/api/order_histories', 'sendemail=1', 201],
    ]);
    expect(await platform.readOrderState(orderId)).toBe(stateId);
  });

  it('works in JSON output format too (the body stays XML)', async () => {
    const { orderId, stateId } = orderAndOtherState(1);
    const result = await client({ format: 'json' }).pushState(orderId, stateId, { sendEmail: false });
    expect(result.historyId).toBe(sandbox.shop.historiesOf(orderId).at(-1)!.id);
    expect(sandbox.shop.orders.get(orderId)!.current_state).toBe(stateId);
  });

  it('a wrong key: PLATFORM_UNAUTHORIZED naming the store, the key never in the message', async () => {
    const wrongKey = 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY';
    const { orderId, stateId } = orderAndOtherState(2);
    const error = (await client({ apiKey: wrongKey }).pushState(orderId, stateId, { sendEmail: false }).catch((e: unknown) => e)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.code).toBe('PLATFORM_UNAUTHORIZED');
    expect(error.message).toContain('store Bottega IT (#1): the platform refused the API key — HTTP 401 Unauthorized');
    expect(`${error.message} ${error.hint} ${JSON.stringify(error.details)}`).not.toContain(wrongKey);
    expect(error.hint).toContain('--api-key-env');
    expect(sandbox.shop.orders.get(orderId)!.current_state).not.toBe(stateId);
  });

  it('500 before anything was saved: retryable, outcome unknown, not repeated', async () => {
    const { orderId, stateId, before } = orderAndOtherState(3);
    sandbox.faults.failNext(1, 500, { method: 'POST', path: '/api/order_histories' });
    const mark = sandbox.requests.length;
    const error = await client().pushState(orderId, stateId, { sendEmail: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLATFORM_SERVER_ERROR', retryable: true, outcomeUnknown: true, status: 500 });
    expect(requestsSince(mark)).toHaveLength(1);
    expect(await client().readOrderState(orderId)).toBe(before);
  });

  it('commitThen500: the error says outcome unknown, and reading the order shows the change was made', async () => {
    const { orderId, stateId } = orderAndOtherState(4);
    const historiesBefore = sandbox.shop.historiesOf(orderId).length;
    sandbox.faults.commitThen500(1, { method: 'POST', path: '/api/order_histories' });
    const error = (await client().pushState(orderId, stateId, { sendEmail: false }).catch((e: unknown) => e)) as PlatformError;
    expect(error).toMatchObject({ code: 'PLATFORM_SERVER_ERROR', outcomeUnknown: true });
    expect(error.message).toContain('HTTP 500 Internal Server Error (PrestaShop error 46: Unable to save resource)');
    expect(await client().readOrderState(orderId)).toBe(stateId);
    expect(sandbox.shop.historiesOf(orderId)).toHaveLength(historiesBefore + 1);
  });

  it('dropped connection: retryable with an unknown outcome, whether or not the shop committed', async () => {
    const first = orderAndOtherState(5);
    sandbox.faults.dropConnection(1, { method: 'POST' });
    const dropped = await client().pushState(first.orderId, first.stateId, { sendEmail: false }).catch((e: unknown) => e);
    expect(dropped).toMatchObject({ code: 'PLATFORM_UNREACHABLE', retryable: true, outcomeUnknown: true });
    expect(await client().readOrderState(first.orderId)).toBe(first.before);

    const second = orderAndOtherState(6);
    sandbox.faults.commitThenDrop(1, { method: 'POST' });
    const committed = await client().pushState(second.orderId, second.stateId, { sendEmail: false }).catch((e: unknown) => e);
    expect(committed).toMatchObject({ retryable: true, outcomeUnknown: true });
    expect(await client().readOrderState(second.orderId)).toBe(second.stateId);
  });

  it('429 with Retry-After: retryPlatformCall waits what the shop asked, then the POST goes through once', async () => {
    const { orderId, stateId } = orderAndOtherState(7);
    const historiesBefore = sandbox.shop.historiesOf(orderId).length;
    sandbox.faults.failNext(1, 429, { method: 'POST', retryAfterSeconds: 3 });
    const waits: number[] = [];
    const result = await retryPlatformCall(
      () => client().pushState(orderId, stateId, { sendEmail: false }),
      { attempts: 3, minTimeoutMs: 10, factor: 2, maxTimeoutMs: 100 },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([3000]);
    expect(result.historyId).not.toBeNull();
    expect(sandbox.shop.historiesOf(orderId)).toHaveLength(historiesBefore + 1);
  });
});

describe('reads', () => {
  it('readOrderState: the current state, null for an order the shop does not have', async () => {
    const order = [...sandbox.shop.orders.values()][10]!;
    expect(await client().readOrderState(order.id)).toBe(order.current_state);
    expect(await client({ format: 'json' }).readOrderState(order.id)).toBe(order.current_state);
    expect(await client().readOrderState(999_999)).toBeNull();
    expect(await client({ format: 'json' }).readOrderState(999_999)).toBeNull();
  });

  it('readOrderStates: many orders in one request', async () => {
    const orders = [...sandbox.shop.orders.values()].slice(0, 5);
    const mark = sandbox.requests.length;
    const states = await client().readOrderStates([...orders.map((o) => o.id), 999_999]);
    expect(Object.fromEntries(states)).toEqual(Object.fromEntries(orders.map((o) => [o.id, o.current_state])));
    expect(requestsSince(mark)).toHaveLength(1);
  });

  it('GETs are retried on 503 and on dropped connections', async () => {
    const order = [...sandbox.shop.orders.values()][11]!;
    sandbox.faults.failNext(1, 503, { method: 'GET', path: '/api/orders' });
    sandbox.faults.dropConnection(1, { method: 'GET', path: '/api/orders' });
    const mark = sandbox.requests.length;
    expect(await client().readOrderState(order.id)).toBe(order.current_state);
    expect(requestsSince(mark)).toHaveLength(3);
  });

  it('GETs give up after the policy attempts with the last error', async () => {
    sandbox.faults.failNext(5, 503, { method: 'GET' });
    const mark = sandbox.requests.length;
    await expect(client().readOrderState(1)).rejects.toMatchObject({ code: 'PLATFORM_SERVER_ERROR', outcomeUnknown: false });
    expect(requestsSince(mark)).toHaveLength(fastReads.attempts);
  });

  it.each(['xml', 'json'] as const)('pullOrders pages through every order by date_upd then id (%s)', async (format) => {
    const platform = client({ format });
    const seen: number[] = [];
    const rowCounts = new Map<number, number>();
    const limit = 7;
    for (let offset = 0; ; offset += limit) {
      const page = await platform.pullOrders({ offset, limit });
      seen.push(...page.map((o) => o.id));
      for (const order of page) rowCounts.set(order.id, order.rows.length);
      if (page.length < limit) break;
    }
    // Orders with a single row included: one <order_row> must still be read as a list.
    expect([...sandbox.shop.orders.values()].some((o) => o.rows.length === 1)).toBe(true);
    for (const order of sandbox.shop.orders.values()) expect(rowCounts.get(order.id), `order ${order.id}`).toBe(order.rows.length);
    const expected = [...sandbox.shop.orders.values()].sort((a, b) => (a.date_upd === b.date_upd ? a.id - b.id : a.date_upd < b.date_upd ? -1 : 1)).map((o) => o.id);
    expect(seen).toEqual(expected);
  });

  it('pullOrders maps rows and totals, and since includes orders updated in that very second', async () => {
    const order = [...sandbox.shop.orders.values()][12]!;
    const [mapped] = (await client().pullOrders({ since: order.date_upd, offset: 0, limit: 1000 })).filter((o) => o.id === order.id);
    expect(mapped).toBeDefined();
    expect(mapped!.currentState).toBe(order.current_state);
    expect(mapped!.reference).toBe(order.reference);
    expect(mapped!.dateUpd).toBe(order.date_upd);
    expect(mapped!.totalPaidTaxIncl).toBeCloseTo(order.total_paid_tax_incl, 6);
    expect(mapped!.rows.map((r) => [r.productId, r.quantity])).toEqual(order.rows.map((r) => [r.product_id, r.product_quantity]));
    const all = await client().pullOrders({ since: order.date_upd, offset: 0, limit: 1000 });
    expect(all.every((o) => o.dateUpd >= order.date_upd)).toBe(true);
  });

  it('customers, addresses, languages and the default language', async () => {
    const order = [...sandbox.shop.orders.values()][13]!;
    const customer = sandbox.shop.customers.get(order.id_customer)!;
    const [mappedCustomer] = await client().getCustomers([order.id_customer]);
    expect(mappedCustomer).toEqual({ id: customer.id, firstname: customer.firstname, lastname: customer.lastname, email: customer.email });
    const addresses = await client({ format: 'json' }).getAddresses([order.id_address_delivery, order.id_address_invoice]);
    expect(addresses.map((a) => a.id).sort()).toEqual([...new Set([order.id_address_delivery, order.id_address_invoice])].sort());
    expect(addresses[0]!.city).toBe(sandbox.shop.addresses.get(addresses[0]!.id)!.city);
    const languages = await client().getLanguages();
    expect(languages.map((l) => l.id)).toEqual([...sandbox.shop.languages.keys()].sort((a, b) => a - b));
    expect(await client().getDefaultLanguageId()).toBe(sandbox.shop.defaultLanguageId());
    expect(await client({ format: 'json' }).getDefaultLanguageId()).toBe(sandbox.shop.defaultLanguageId());
  });
});
