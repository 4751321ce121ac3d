import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookSignature } from '../../../src/platforms/shopify-sandbox/index.js';
import { order, startRig, target, type Rig } from './shopify-helpers.js';

let rig: Rig;
let close: () => Promise<void>;
afterEach(async () => {
  await rig.close();
  await close();
});

describe('Shopify sandbox webhooks', () => {
  it('sends a signed webhook after each change, none for a refused one', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    rig = await startRig({ webhook: { url, secret: 'hook-secret' } });

    await rig.platform.push(order(1009), target('fulfilled'), { sendEmail: false });
    await rig.platform.push(order(1004), target('cancelled'), { sendEmail: false }); // already cancelled: refused by Shopify, no change
    await rig.sandbox.webhooks.settled();

    expect(received.map((r) => r.headers['x-shopify-topic'])).toEqual(['orders/fulfilled']);
    const hook = received[0]!;
    expect(hook.headers['x-shopify-hmac-sha256']).toBe(webhookSignature('hook-secret', hook.body));
    expect(hook.headers['x-shopify-event-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(hook.body)).toMatchObject({ id: 1009, fulfillment_status: 'fulfilled' });
    expect(rig.sandbox.webhooks.deliveries.map((d) => [d.topic, d.status])).toEqual([['orders/fulfilled', 200]]);
  });
});
