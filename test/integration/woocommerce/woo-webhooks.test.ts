import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { createAgent, wooClient } from './woo-test-kit.js';

let sandbox: WooSandbox;
let agent: ReturnType<typeof createAgent>;
afterEach(async () => {
  await sandbox.close();
  await agent.close();
});

describe('WooCommerce webhooks against the sandbox', () => {
  it('creates with a secret it never shows again, lists across pages, updates, deletes with force=true', async () => {
    sandbox = await startWooSandbox({ port: 0, orders: 2, frozenClock: true });
    agent = createAgent();
    const hooks = wooClient(sandbox, agent).webhooks;
    const secret = 'a'.repeat(64);
    const created = await hooks.create({ topic: 'order.updated', url: 'http://127.0.0.1:1/webhooks/woocommerce/3', secret, name: 'ecom-sync order.updated (store 3)' });
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), topic: 'order.updated', url: 'http://127.0.0.1:1/webhooks/woocommerce/3', status: 'active', name: 'ecom-sync order.updated (store 3)' });
    expect(sandbox.webhooks.webhooks.get(Number(created.id))!.secret).toBe(secret);
    const answers = sandbox.requests.filter((r) => r.route.startsWith('/wc/v3/webhooks'));
    expect(answers.map((r) => [r.method, r.status])).toEqual([['POST', 201]]);

    const refused = await hooks.create({ topic: 'order.exploded', url: 'http://127.0.0.1:1/x', secret, name: 'x' }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as PlatformError).message).toContain('Webhook topic is required and must be valid');
    expect((refused as PlatformError).message).not.toContain(secret);

    for (let i = 0; i < 130; i += 1) sandbox.webhooks.add({ deliveryUrl: `https://erp.example/${i}`, status: i === 0 ? 'paused' : 'active' });
    const listed = await hooks.list();
    expect(listed).toHaveLength(131);
    expect(listed.filter((s) => s.status === 'paused')).toHaveLength(1);

    const moved = await hooks.update(created.id, { url: 'https://sync.example/webhooks/woocommerce/3', activate: true });
    expect(moved).toMatchObject({ url: 'https://sync.example/webhooks/woocommerce/3', status: 'active' });
    await hooks.remove(created.id);
    await hooks.remove(created.id);
    expect(sandbox.webhooks.webhooks.has(Number(created.id))).toBe(false);
    const deletes = sandbox.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.query, r.status])).toEqual([['force=true', 200], ['force=true', 404]]);
  });

  it('answers 501 to a delete without force=true, as WooCommerce does', async () => {
    sandbox = await startWooSandbox({ port: 0, orders: 0 });
    agent = createAgent();
    const webhook = sandbox.webhooks.add({ deliveryUrl: 'https://erp.example/hooks' });
    const answer = await fetch(`${sandbox.url}/wp-json/wc/v3/webhooks/${webhook.id}`, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from(`${WOO_SANDBOX_KEYS.readWrite.consumerKey}:${WOO_SANDBOX_KEYS.readWrite.consumerSecret}`).toString('base64')}` } });
    expect(answer.status).toBe(501);
    expect(await answer.json()).toMatchObject({ code: 'woocommerce_rest_trash_not_supported' });
    expect(sandbox.webhooks.webhooks.has(webhook.id)).toBe(true);
  });
});
