import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../../src/webhooks/webhook-signature.js';
import { listInboundEvents } from '../../../src/webhooks/inbound-event-repository.js';
import { testDialects } from '../../helpers/test-database.js';
import { createDaemonFixture, type DaemonFixture } from '../daemon/daemon-fixture.js';

const SHOPIFY_SECRET = 'shpss_0123456789abcdef';
const WOO_SECRET = 'woo-webhook-secret-ünïcode';

describe.each(testDialects())('webhook receiving on %s', (dialect) => {
  let f: DaemonFixture;
  let shopify: number;
  let woo: number;
  let presta: number;
  let stored = 0;

  beforeAll(async () => {
    f = await createDaemonFixture({ dialect, server: { onWebhookStored: () => { stored += 1; } }, config: { daemon: { webhook_body_limit_bytes: 4096 } } });
    const db = f.app.db;
    const add = async (name: string, idPlatform: number, values: Record<string, string>) => {
      await db.insertInto('stores').values({ id_platform: idPlatform, name, base_url: `https://${name}.example`, api_key: 'k'.repeat(32), ...values }).execute();
      return (await db.selectFrom('stores').select('id_store').where('name', '=', name).executeTakeFirstOrThrow()).id_store;
    };
    shopify = await add('negozio-shopify', 2, { api_secret: SHOPIFY_SECRET });
    woo = await add('negozio-woo', 3, { webhook_secret_env: 'WOO_HOOK_SECRET' });
    presta = await add('negozio-presta', 1, {});
    f.app.env.WOO_HOOK_SECRET = WOO_SECRET;
  });
  afterAll(async () => { await f?.cleanup(); });

  const shopifyPost = (body: string, headers: Record<string, string> = {}, store = shopify) => f.server.inject({
    method: 'POST', url: `/webhooks/shopify/${store}`, payload: body,
    headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/updated', 'x-shopify-hmac-sha256': signBody(SHOPIFY_SECRET, Buffer.from(body)), ...headers },
  });

  it('stores a Shopify delivery signed over the exact raw bytes (Unicode, odd spacing) once, however often it comes', async () => {
    // Re-serialising this body would change its bytes (spacing, escapes): the signature is over what was sent.
    const body = '{"id": 5523461234567,  "name":"#1001", "note":"consegna a \\u00e0 Milano — 🚚", "updated_at":"2026-11-30T11:00:00+01:00"}';
    const before = stored;
    const first = await shopifyPost(body, { 'x-shopify-event-id': 'evt-1' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'stored' });
    const again = await shopifyPost(body, { 'x-shopify-event-id': 'evt-1' });
    expect(again.json()).toEqual({ status: 'duplicate' });
    expect(stored).toBe(before + 1);
    const events = await listInboundEvents(f.app.db, { storeId: shopify, limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ platform: 'shopify', topic: 'orders/updated', dedup_key: 'event:evt-1', id_origin: '5523461234567', platform_updated_at: '2026-11-30T10:00:00.000Z', outcome: 'pending' });
  });

  it('refuses a bad or missing signature with 401, stores nothing and logs no body', async () => {
    const body = '{"id": 77, "updated_at": "2026-11-30T10:00:00Z"}';
    const bad = await shopifyPost(body, { 'x-shopify-hmac-sha256': signBody('another-secret', Buffer.from(body)), 'x-shopify-event-id': 'evt-bad' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const missing = await f.server.inject({ method: 'POST', url: `/webhooks/shopify/${shopify}`, payload: body, headers: { 'content-type': 'application/json' } });
    expect(missing.statusCode).toBe(401);
    // One changed byte of the body breaks the signature.
    const tampered = await shopifyPost(body, { 'x-shopify-hmac-sha256': signBody(SHOPIFY_SECRET, Buffer.from(body.replace('77', '78'))) });
    expect(tampered.statusCode).toBe(401);
    const events = await listInboundEvents(f.app.db, { storeId: shopify, limit: 10 });
    expect(events.map((e) => e.dedup_key)).not.toContain('event:evt-bad');
    expect(events).toHaveLength(1);
  });

  it('needs no bearer token, but a store of that platform', async () => {
    const body = '{"id": 1}';
    expect((await shopifyPost(body, {}, presta)).statusCode).toBe(404);
    expect((await shopifyPost(body, {}, 9999)).statusCode).toBe(404);
  });

  it('answers 413 beyond the webhook body limit', async () => {
    const body = JSON.stringify({ id: 1, note: 'x'.repeat(5000) });
    const response = await shopifyPost(body);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("answers WooCommerce's creation ping with 200 and stores nothing", async () => {
    const response = await f.server.inject({ method: 'POST', url: `/webhooks/woocommerce/${woo}`, payload: 'webhook_id=12', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ping' });
    expect(await listInboundEvents(f.app.db, { storeId: woo, limit: 10 })).toHaveLength(0);
  });

  it('de-duplicates WooCommerce deliveries by order and date_modified_gmt, not by its Delivery-ID', async () => {
    const post = (body: string, deliveryId: string) => f.server.inject({
      method: 'POST', url: `/webhooks/woocommerce/${woo}`, payload: body,
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-delivery-id': deliveryId, 'x-wc-webhook-signature': signBody(WOO_SECRET, Buffer.from(body)) },
    });
    const a = '{"id":501,"status":"processing","date_modified_gmt":"2026-11-30T10:00:00"}';
    const b = '{"id":502,"status":"completed","date_modified_gmt":"2026-11-30T10:00:00"}';
    // Two orders changed in the same second share WooCommerce's Delivery-ID: both are kept.
    expect((await post(a, 'same-second')).json()).toEqual({ status: 'stored' });
    expect((await post(b, 'same-second')).json()).toEqual({ status: 'stored' });
    // The same order state delivered twice (WooCommerce often fires twice) is kept once.
    expect((await post(a, 'another')).json()).toEqual({ status: 'duplicate' });
    const events = await listInboundEvents(f.app.db, { storeId: woo, limit: 10 });
    expect(events.map((e) => e.dedup_key).sort()).toEqual(['order:501:2026-11-30T10:00:00.000Z', 'order:502:2026-11-30T10:00:00.000Z']);
  });

  it('WooCommerce: verifies the exact raw bytes with its secret (Unicode in body and secret), refuses a wrong or missing signature', async () => {
    const post = (body: string, signature: string | undefined) => f.server.inject({
      method: 'POST', url: `/webhooks/woocommerce/${woo}`, payload: Buffer.from(body, 'utf8'),
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'order.updated', ...(signature === undefined ? {} : { 'x-wc-webhook-signature': signature }) },
    });
    // Escaped and literal non-ASCII, odd spacing: re-serialised, these bytes would differ.
    const body = '{"id":777, "status":"processing","date_modified_gmt":"2026-11-30T11:00:00","shipping":{"city":"Forl\u00ec","address_1":"Via Caffè 3 — 🚲"}}';
    const before = (await listInboundEvents(f.app.db, { storeId: woo, limit: 100 })).length;
    expect((await post(body, signBody('another-secret', Buffer.from(body)))).statusCode).toBe(401);
    expect((await post(body, undefined)).statusCode).toBe(401);
    // Signed over the body as JSON.stringify would re-write it: not the bytes sent.
    expect((await post(body, signBody(WOO_SECRET, Buffer.from(JSON.stringify(JSON.parse(body)))))).statusCode).toBe(401);
    expect((await listInboundEvents(f.app.db, { storeId: woo, limit: 100 })).length).toBe(before);
    const good = await post(body, signBody(WOO_SECRET, Buffer.from(body, 'utf8')));
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ status: 'stored' });
    const stored = (await f.app.db.selectFrom('inbound_events').select(['payload', 'dedup_key']).where('id_store', '=', woo).where('id_origin', '=', '777').executeTakeFirstOrThrow());
    expect(stored).toEqual({ payload: body, dedup_key: 'order:777:2026-11-30T11:00:00.000Z' });
  });

  it('stores 100 deliveries sent in parallel exactly once each', async () => {
    const bodies = Array.from({ length: 100 }, (_, i) => `{"id":${9000 + i},"updated_at":"2026-11-30T12:00:00Z"}`);
    const answers = await Promise.all([...bodies, ...bodies.slice(0, 20)].map((body, i) => shopifyPost(body, { 'x-shopify-event-id': `par-${i % 100}` })));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(answers.filter((a) => a.json().status === 'stored')).toHaveLength(100);
    const events = await listInboundEvents(f.app.db, { storeId: shopify, limit: 500 });
    expect(events.filter((e) => e.dedup_key.startsWith('event:par-'))).toHaveLength(100);
  });
});
