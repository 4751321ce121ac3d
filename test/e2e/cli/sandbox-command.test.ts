import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { BIN, spawnCli } from '../../helpers/run-cli.js';

describe('ecom-sync sandbox (built binary)', () => {
  it('serves the webservice until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--orders', '20'], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let stderr = '';
    const listening = new Promise<string>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
    });
    const url = await listening;
    expect(stderr).toMatch(/key ECOMSYNCSANDBOXKEY00000000000001, 20 orders/);

    const denied = await request(`${url}/api/orders`);
    expect(denied.statusCode).toBe(401);
    await denied.body.dump();
    const auth = `Basic ${Buffer.from('ECOMSYNCSANDBOXKEY00000000000001:').toString('base64')}`;
    const orders = await request(`${url}/api/orders?output_format=JSON`, { headers: { authorization: auth } });
    expect(orders.statusCode).toBe(200);
    expect(((await orders.body.json()) as { orders: unknown[] }).orders).toHaveLength(20);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a key that is not 32 characters before listening', async () => {
    const run = await spawnCli(['sandbox', '--key', 'short'], { cwd: process.cwd() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[INVALID_API_KEY]: --key: a PrestaShop API key is exactly 32 letters or digits');
  });
});
