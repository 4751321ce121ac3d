import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { WOO_SANDBOX_KEYS } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { BIN } from '../../helpers/run-cli.js';

describe('ecom-sync sandbox --platform woocommerce (built binary)', () => {
  it('serves WooCommerce REST v3 with its demo keys until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--platform', 'woocommerce', '--port', '0', '--orders', '9'], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let stderr = '';
    const url = await new Promise<string>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /WooCommerce sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match?.[1] && stderr.includes('Try:')) resolve(match[1]);
      });
    });
    const rw = WOO_SANDBOX_KEYS.readWrite;
    expect(stderr).toContain(`Read/Write key: ${rw.consumerKey} / ${rw.consumerSecret}`);
    const denied = await request(`${url}/wp-json/wc/v3/orders`);
    expect(denied.statusCode).toBe(401);
    expect(await denied.body.json()).toMatchObject({ code: 'woocommerce_rest_cannot_view' });
    const orders = await request(`${url}/wp-json/wc/v3/orders?per_page=100`, { headers: { authorization: `Basic ${Buffer.from(`${rw.consumerKey}:${rw.consumerSecret}`).toString('base64')}` } });
    expect(orders.statusCode).toBe(200);
    expect(orders.headers['x-wp-total']).toBe('9');
    expect((await orders.body.json()) as unknown[]).toHaveLength(9);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
