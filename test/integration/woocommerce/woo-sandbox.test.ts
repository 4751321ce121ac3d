import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUrlOAuth1 } from '../../../src/platforms/woocommerce/index.js';
import { startWooSandbox, webhookSignature, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';

const T0 = Date.parse('2026-11-30T10:00:00Z');
const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200).end();
  });
});
let sandbox: WooSandbox;
const rw = WOO_SANDBOX_KEYS.readWrite;
const basic = `Basic ${Buffer.from(`${rw.consumerKey}:${rw.consumerSecret}`).toString('base64')}`;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  sandbox = await startWooSandbox({ port: 0, orders: 6, frozenClock: true, now: T0, webhook: { deliveryUrl: `http://127.0.0.1:${port}/hooks/woo`, secret: 'whsec-test' } });
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function put(id: number, body: unknown) {
  const response = await request(`${sandbox.url}/wp-json/wc/v3/orders/${id}`, { method: 'PUT', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
}

describe('WooCommerce sandbox', () => {
  it('a status change moves date_modified to the shop clock, adds the note, sends the e-mail; the same status again only saves', async () => {
    const id = [...sandbox.shop.orders.values()].find((o) => o.status !== 'completed')!.id;
    sandbox.shop.clock.set('2026-11-30T10:05:00Z');
    const first = await put(id, { status: 'completed' });
    expect(first).toMatchObject({ status: 200, json: { id, status: 'completed', date_modified_gmt: '2026-11-30T10:05:00' } });
    sandbox.shop.clock.advance(2000);
    const again = await put(id, { status: 'completed' });
    expect(again.json.date_modified_gmt).toBe('2026-11-30T10:05:02');
    expect(sandbox.shop.notesOf(id)).toHaveLength(1);
    expect(sandbox.shop.emailsOf(id)).toHaveLength(1);
    const notes = await request(`${sandbox.url}/wp-json/wc/v3/orders/${id}/notes`, { headers: { authorization: basic } });
    expect(((await notes.body.json()) as Array<{ note: string }>)[0]!.note).toMatch(/^Order status changed from .+ to Completed\.$/);
  });

  it('sends signed order.updated webhooks after each save', async () => {
    received.length = 0;
    const id = [...sandbox.shop.orders.keys()][1]!;
    await put(id, { status: 'on-hold' });
    await sandbox.flushWebhooks();
    const hook = received[received.length - 1]!;
    expect(hook.headers['x-wc-webhook-topic']).toBe('order.updated');
    expect(hook.headers['x-wc-webhook-signature']).toBe(webhookSignature(hook.body, 'whsec-test'));
    expect(String(hook.headers['x-wc-webhook-delivery-id'])).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(hook.body)).toMatchObject({ id, status: 'on-hold' });
  });

  it('refuses a reused OAuth nonce and a tampered signature', async () => {
    const signed = signUrlOAuth1({ method: 'GET', url: `${sandbox.url}/wp-json/wc/v3/reports/orders/totals`, consumerKey: rw.consumerKey, consumerSecret: rw.consumerSecret, nonce: 'fixed-nonce', timestampSeconds: 1_800_000_000 });
    expect((await request(signed)).statusCode).toBe(200);
    const reused = await request(signed);
    expect(reused.statusCode).toBe(401);
    expect(((await reused.body.json()) as { message: string }).message).toMatch(/nonce has already been used/);
    const tampered = signed.replace('totals', 'totals/').replace(/oauth_nonce=[^&]+/, 'oauth_nonce=other');
    expect((await request(tampered)).statusCode).toBe(401);
  });

  it('answers rest_invalid_param with data.params for a bad per_page', async () => {
    const response = await request(`${sandbox.url}/wp-json/wc/v3/orders?per_page=500`, { headers: { authorization: basic } });
    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({ code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page', data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } } });
  });
});
