import { afterEach, describe, expect, it } from 'vitest';
import { ShopifyPlatformError } from '../../../src/platforms/shopify/index.js';
import { startRig, type Rig } from './shopify-helpers.js';

let rig: Rig;
afterEach(async () => { await rig.close(); });

async function refusal(promise: Promise<unknown>): Promise<ShopifyPlatformError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ShopifyPlatformError);
  return error as ShopifyPlatformError;
}

describe('Shopify webhook subscriptions against the sandbox (schema-validated GraphQL)', () => {
  it('creates, lists across pages, updates and deletes; Shopify refuses the same topic and address twice and a plain-HTTP address', async () => {
    rig = await startRig();
    const hooks = rig.platform.webhooks;
    const created = await hooks.create({ topic: 'ORDERS_PAID', url: 'https://sync.example/webhooks/shopify/7', secret: null, name: 'x' });
    expect(created).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/WebhookSubscription\/\d+$/), topic: 'ORDERS_PAID', url: 'https://sync.example/webhooks/shopify/7', status: 'active', name: null });

    const twice = await refusal(hooks.create({ topic: 'ORDERS_PAID', url: 'https://sync.example/webhooks/shopify/7', secret: null, name: 'x' }));
    expect(twice.code).toBe('SHOPIFY_WEBHOOK_REFUSED');
    expect(twice.message).toContain('Address for this topic has already been taken');
    const plain = await refusal(hooks.create({ topic: 'ORDERS_PAID', url: 'http://sync.example/webhooks/shopify/7', secret: null, name: 'x' }));
    expect(plain.message).toContain('Address protocol http:// is not supported');
    expect(plain.hint).toContain('HTTPS');

    // More than a page (100) of subscriptions: the list follows the cursor.
    for (let i = 0; i < 120; i += 1) rig.sandbox.subscriptions.mutations().webhookSubscriptionCreate({ topic: 'ORDERS_UPDATED', webhookSubscription: { callbackUrl: `https://other.example/${i}` } });
    const listed = await hooks.list();
    expect(listed).toHaveLength(121);
    expect(new Set(listed.map((s) => s.id)).size).toBe(121);
    expect(rig.sandbox.requests.filter((r) => r.field === 'webhookSubscriptions')).toHaveLength(2);

    const moved = await hooks.update(created.id, { url: 'https://new.example/webhooks/shopify/7' });
    expect(moved).toMatchObject({ id: created.id, topic: 'ORDERS_PAID', url: 'https://new.example/webhooks/shopify/7' });
    await hooks.remove(created.id);
    // Gone already is what a removal wants.
    await hooks.remove(created.id);
    expect((await refusal(hooks.update(created.id, { url: 'https://x.example/webhooks/shopify/7' }))).message).toContain('Webhook subscription does not exist');
    expect(await hooks.list()).toHaveLength(120);
  });
});
