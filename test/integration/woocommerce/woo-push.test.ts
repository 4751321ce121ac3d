import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformError } from '../../../src/errors.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { caught, createAgent, orderNotIn, pushOrder, target, wooClient } from './woo-test-kit.js';

let sandbox: WooSandbox;
const agent = createAgent();

beforeAll(async () => {
  sandbox = await startWooSandbox({ port: 0, orders: 30, seed: 11, frozenClock: true, now: Date.parse('2026-11-30T10:00:00Z') });
});
afterEach(() => sandbox.faults.clear());
afterAll(async () => {
  await sandbox.close();
  await agent.close();
});

const puts = () => sandbox.requests.filter((r) => r.method === 'PUT').length;

describe('status catalogue', () => {
  it('one row per status from reports/orders/totals: slug as code, the label as name, refunded final, the mailing statuses flagged', async () => {
    const catalogue = await wooClient(sandbox, agent).pullStateCatalogue();
    expect(catalogue.map((s) => s.code)).toEqual(sandbox.shop.statuses.map((s) => s.slug));
    const bySlug = new Map(catalogue.map((s) => [s.code, s]));
    expect(bySlug.get('spedito-parziale')).toMatchObject({ name: 'Spedito parziale', platformId: null, final: false, sendsEmail: false, deleted: false });
    expect(bySlug.get('refunded')).toMatchObject({ final: true, sendsEmail: true });
    expect(catalogue.filter((s) => s.sendsEmail).map((s) => s.code).sort()).toEqual(['completed', 'on-hold', 'processing', 'refunded']);
    expect(catalogue.filter((s) => s.final).map((s) => s.code)).toEqual(['refunded']);
  });

  it('readTargetStatus: a status a plugin removed is missing', async () => {
    const client = wooClient(sandbox, agent);
    sandbox.shop.addStatus('in-consegna', 'In consegna');
    expect(await client.readTargetStatus(target('in-consegna'))).toBe('active');
    sandbox.shop.removeStatus('in-consegna');
    expect(await client.readTargetStatus(target('in-consegna'))).toBe('missing');
  });
});

describe('push', () => {
  it('one PUT; done with the answer as evidence; WooCommerce adds its note and sends its e-mail', async () => {
    const id = orderNotIn(sandbox, 'completed');
    const before = puts();
    const from = sandbox.shop.orders.get(id)!.status;
    const result = await wooClient(sandbox, agent).push(pushOrder(id), target('completed', 'Completed'), { sendEmail: false });
    expect(result).toEqual({ evidence: 'answer', alreadyThere: false, warnings: [] });
    expect(puts() - before).toBe(1);
    const last = sandbox.requests[sandbox.requests.length - 1]!;
    expect(last).toMatchObject({ method: 'PUT', route: `/wc/v3/orders/${id}` });
    expect(JSON.parse(last.body!)).toEqual({ status: 'completed' });
    expect(sandbox.shop.notesOf(id).map((n) => n.note)).toEqual([`Order status changed from ${sandbox.shop.statusName(from)} to Completed.`]);
    expect(sandbox.shop.emailsOf(id).map((e) => e.template)).toEqual(['customer_completed_order']);
  });

  it('the same status again is a no-op on the shop: no note, no e-mail (still one PUT)', async () => {
    const id = orderNotIn(sandbox, 'processing', 1);
    const client = wooClient(sandbox, agent);
    await client.push(pushOrder(id), target('processing'), { sendEmail: true });
    const notes = sandbox.shop.notesOf(id).length;
    const emails = sandbox.shop.emailsOf(id).length;
    const before = puts();
    await client.push(pushOrder(id), target('processing'), { sendEmail: true });
    expect(puts() - before).toBe(1);
    expect(sandbox.shop.notesOf(id).length).toBe(notes);
    expect(sandbox.shop.emailsOf(id).length).toBe(emails);
  });

  it('a custom status is pushed as its slug and e-mails nobody', async () => {
    const id = orderNotIn(sandbox, 'spedito-parziale', 2);
    await wooClient(sandbox, agent).push(pushOrder(id), target('spedito-parziale'), { sendEmail: true });
    expect(sandbox.shop.orders.get(id)!.status).toBe('spedito-parziale');
    expect(sandbox.shop.emailsOf(id)).toEqual([]);
  });

  it('in-doubt PUT (applied, then 500 HTML): outcome-unknown with a short message; readPushState says applied, so no second PUT is needed', async () => {
    const id = orderNotIn(sandbox, 'completed', 3);
    const client = wooClient(sandbox, agent);
    sandbox.faults.commitThen500(1, { method: 'PUT' });
    const before = puts();
    const error = await caught(client.push(pushOrder(id), target('completed'), { sendEmail: false }));
    expect(client.classify(error)).toEqual({ kind: 'outcome-unknown' });
    expect((error as PlatformError).message).toMatch(/HTTP 500 Internal Server Error \(WordPress › Error\)$/);
    expect((error as PlatformError).message.length).toBeLessThan(250);
    expect(await client.readPushState(pushOrder(id), target('completed'))).toEqual({ kind: 'applied' });
    expect(puts() - before).toBe(1);
    expect(sandbox.shop.notesOf(id)).toHaveLength(1);
  });

  it('dropped connection after the PUT left: outcome-unknown; the read shows the truth either way', async () => {
    const client = wooClient(sandbox, agent);
    const applied = orderNotIn(sandbox, 'cancelled', 4);
    sandbox.faults.commitThenDrop(1, { method: 'PUT' });
    expect(client.classify(await caught(client.push(pushOrder(applied), target('cancelled'), { sendEmail: false })))).toEqual({ kind: 'outcome-unknown' });
    expect(await client.readPushState(pushOrder(applied), target('cancelled'))).toEqual({ kind: 'applied' });

    const lost = orderNotIn(sandbox, 'cancelled', 5);
    const status = sandbox.shop.orders.get(lost)!.status;
    sandbox.faults.dropConnection(1, { method: 'PUT' });
    expect(client.classify(await caught(client.push(pushOrder(lost), target('cancelled'), { sendEmail: false })))).toEqual({ kind: 'outcome-unknown' });
    expect(await client.readPushState(pushOrder(lost), target('cancelled'))).toEqual({ kind: 'not-applied', currentCode: status });
  });

  it('429 with Retry-After on a PUT: throttled with the wait, nothing applied, the PUT not repeated by the client', async () => {
    const id = orderNotIn(sandbox, 'on-hold', 6);
    const client = wooClient(sandbox, agent);
    sandbox.faults.failNext(1, 429, { method: 'PUT', retryAfterSeconds: 7 });
    const before = puts();
    const error = await caught(client.push(pushOrder(id), target('on-hold'), { sendEmail: false }));
    expect(client.classify(error)).toEqual({ kind: 'throttled', retryAfterMs: 7000 });
    expect(puts() - before).toBe(1);
    expect(sandbox.shop.orders.get(id)!.status).not.toBe('on-hold');
  });

  it('429 on a GET is waited out with Retry-After and the read repeated', async () => {
    const sleeps: number[] = [];
    sandbox.faults.failNext(1, 429, { method: 'GET', retryAfterSeconds: 2 });
    const catalogue = await wooClient(sandbox, agent, { sleeps }).pullStateCatalogue();
    expect(catalogue.length).toBeGreaterThan(0);
    expect(sleeps).toEqual([2000]);
  });

  it('500 HTML on a GET: retryable, then read again', async () => {
    const sleeps: number[] = [];
    sandbox.faults.failNext(1, 500, { method: 'GET' });
    await wooClient(sandbox, agent, { sleeps }).pullStateCatalogue();
    expect(sleeps).toHaveLength(1);
  });

  it('describePush: the exact PUT without credentials, and that WooCommerce mails on its own', () => {
    const client = wooClient(sandbox, agent, { settings: { auth: 'query' } });
    const preview = client.describePush(pushOrder(32), target('completed', 'Completed'), { sendEmail: false });
    expect(preview.requests).toEqual([{ method: 'PUT', url: `${sandbox.url}/wp-json/wc/v3/orders/32`, body: '{"status":"completed"}' }]);
    expect(preview.summary).toBe('PUT /wp-json/wc/v3/orders/32 (order 32 → status completed "Completed")');
    expect(preview.customerEmail).toBe('platform');
    expect(client.describePush(pushOrder(32), target('cancelled'), { sendEmail: true }).customerEmail).toBe(false);
    expect(JSON.stringify(preview)).not.toContain(WOO_SANDBOX_KEYS.readWrite.consumerSecret);
  });
});

describe('error mapping', () => {
  it('a read-only key writing → permission (missing write), the order untouched', async () => {
    const id = orderNotIn(sandbox, 'completed', 7);
    const client = wooClient(sandbox, agent, { key: WOO_SANDBOX_KEYS.readOnly });
    const error = await caught(client.push(pushOrder(id), target('completed'), { sendEmail: false }));
    expect(client.classify(error)).toEqual({ kind: 'permission', missing: 'write', message: 'The API key provided does not have write permissions.' });
    expect(sandbox.shop.orders.get(id)!.status).not.toBe('completed');
  });

  it('an unregistered status → bad-target naming the parameter', async () => {
    const client = wooClient(sandbox, agent);
    const error = await caught(client.push(pushOrder(orderNotIn(sandbox, 'x')), target('spedito'), { sendEmail: false }));
    const cls = client.classify(error);
    expect(cls.kind).toBe('bad-target');
    expect(cls.kind === 'bad-target' ? cls.message : '').toMatch(/^invalid parameter status: status is not one of pending, /);
  });

  it('an unknown order: bad-target on PUT (400); order-missing on read; readOrder null', async () => {
    const client = wooClient(sandbox, agent);
    const error = await caught(client.push(pushOrder(999_999), target('completed'), { sendEmail: false }));
    expect(client.classify(error)).toEqual({ kind: 'bad-target', message: 'order 999999 does not exist on the shop (Invalid ID.)' });
    expect((error as PlatformError).status).toBe(400);
    expect(await client.readPushState(pushOrder(999_999), target('completed'))).toEqual({ kind: 'order-missing' });
    expect(await client.readOrder(999_999)).toBeNull();
  });

  it('readOrder maps one order', async () => {
    const id = [...sandbox.shop.orders.keys()][0]!;
    const order = await wooClient(sandbox, agent).readOrder(id);
    expect(order?.idOrigin).toBe(id);
    expect(order?.stateCode).toBe(sandbox.shop.orders.get(id)!.status);
  });
});

describe('check', () => {
  it('a Read/Write key: one request tells the key works and may write (the probe changes nothing)', async () => {
    const saves = sandbox.shop.saves.length;
    const requests = sandbox.requests.length;
    const report = await wooClient(sandbox, agent).check();
    expect(report.items.map((i) => [i.name, i.ok])).toEqual([['key', true], ['write permission', true]]);
    expect(report.items[0]!.detail).toContain('/wp-json routes');
    expect(sandbox.requests.length - requests).toBe(1);
    expect(sandbox.shop.saves.length).toBe(saves);
  });

  it('a read-only key: says so', async () => {
    const report = await wooClient(sandbox, agent, { key: WOO_SANDBOX_KEYS.readOnly }).check();
    expect(report.items.map((i) => [i.name, i.ok])).toEqual([['key', true], ['write permission', false]]);
    expect(report.items[1]!.detail).toMatch(/read-only/);
  });

  it('bad credentials: throws the credentials error', async () => {
    const client = wooClient(sandbox, agent, { key: { consumerKey: WOO_SANDBOX_KEYS.readWrite.consumerKey, consumerSecret: 'cs_bad' } });
    expect(client.classify(await caught(client.check())).kind).toBe('credentials');
  });
});
