import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { BIN } from '../../helpers/run-cli.js';

describe('ecom-sync sandbox --platform shopify (built binary)', () => {
  it('serves a GraphQL endpoint that validates against the shipped schema until SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--platform', 'shopify', '--port', '0', '--orders', '12', '--bucket', '100'], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let stderr = '';
    const listening = new Promise<string>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match?.[1] && stderr.includes('Ctrl-C')) resolve(match[1]);
      });
    });
    const url = await listening;
    const token = /access token (\S+);/.exec(stderr)?.[1] ?? '';
    const post = async (query: string, accessToken = token) => {
      const answer = await request(`${url}/admin/api/2026-10/graphql.json`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': accessToken }, body: JSON.stringify({ query }),
      });
      return { status: answer.statusCode, body: (await answer.body.json()) as { data?: { orders?: { nodes: unknown[] } }; errors?: Array<{ message: string }>; extensions?: { cost: { throttleStatus: { maximumAvailable: number } } } } };
    };
    expect((await post('{ shop { name } }', 'wrong')).status).toBe(401);
    const orders = await post('{ orders(first: 50, sortKey: UPDATED_AT) { nodes { id name displayFulfillmentStatus } } }');
    expect(orders.body.data?.orders?.nodes).toHaveLength(12);
    expect(orders.body.extensions?.cost.throttleStatus.maximumAvailable).toBe(100);
    const invalid = await post('{ orders(first: 5) { nodes { notAField } } }');
    expect(invalid.body.errors?.[0]?.message).toContain('notAField');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
