import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySandbox, type ShopifySandbox } from '../../../src/platforms/shopify-sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';

describe('stores commands for Shopify', { timeout: 60_000 }, () => {
  let cwd: string;
  let sandbox: ShopifySandbox;
  let limited: ShopifySandbox;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-shopify-stores-'));
    sandbox = await startShopifySandbox({ orders: 3 });
    limited = await startShopifySandbox({ orders: 1, scopes: ['read_orders'] });
  });
  afterAll(async () => {
    await sandbox.close();
    await limited.close();
  });

  it('adds a store with an access token from the environment and checks it', async () => {
    const env = { SHOP_TOKEN: sandbox.accessToken! };
    const added = await runCli(['stores', 'add', '--name', 'bottega', '--platform', 'shopify', '--url', sandbox.url, '--api-key-env', 'SHOP_TOKEN'], { cwd, env });
    expect(added.code).toBe(0);
    const json = await runCli(['--json', 'stores', 'list'], { cwd, env });
    expect((JSON.parse(json.stdout) as { stores: unknown[] }).stores[0]).toMatchObject({
      platform: 'Shopify', api_key: null, api_key_env: 'SHOP_TOKEN', settings: { api_version: '2026-10', auth_mode: 'access-token' },
    });
    const check = await runCli(['stores', 'check', '1'], { cwd, env });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Bottega Italiana (Shopify, EUR, Europe/Rome)');
    expect(check.stdout).toContain('ok      scope write_orders');
    for (const run of [added, json, check]) expect(run.stdout + run.stderr).not.toContain(sandbox.accessToken!);
  });

  it('adds a store with client credentials; the secret never shows, check fetches a token', async () => {
    const env = { SHOP_SECRET: sandbox.clientSecret };
    const added = await runCli(['--json', 'stores', 'add', '--name', 'bottega-cc', '--platform', 'shopify', '--url', sandbox.url, '--client-id', sandbox.clientId, '--client-secret-env', 'SHOP_SECRET', '--api-version', '2026-07'], { cwd, env });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ api_secret: null, api_secret_env: 'SHOP_SECRET', settings: { api_version: '2026-07', auth_mode: 'client-credentials', client_id: sandbox.clientId } });
    const table = await runCli(['stores', 'list'], { cwd, env });
    expect(table.stdout).toContain(`client ${sandbox.clientId}, $SHOP_SECRET`);
    const before = sandbox.tokenRequests;
    const check = await runCli(['--json', 'stores', 'check', '2'], { cwd, env });
    expect(check.code).toBe(0);
    expect(sandbox.tokenRequests).toBe(before + 1);
    for (const run of [added, check]) expect(run.stdout + run.stderr).not.toContain(sandbox.clientSecret);
  });

  it('refuses bad option mixes with a clear error and adds nothing', async () => {
    const both = await runCli(['stores', 'add', '--name', 'x', '--platform', 'shopify', '--url', sandbox.url, '--api-key-env', 'A', '--client-id', 'c', '--client-secret-env', 'B'], { cwd });
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('not both');
    const version = await runCli(['stores', 'add', '--name', 'x', '--platform', 'shopify', '--url', sandbox.url, '--api-key-env', 'A', '--api-version', '2026-13'], { cwd });
    expect(version.stderr).toContain('--api-version');
    const list = await runCli(['--json', 'stores', 'list'], { cwd });
    expect((JSON.parse(list.stdout) as { stores: unknown[] }).stores).toHaveLength(2);
  });

  it('check fails naming the missing scopes', async () => {
    const env = { LIMITED_TOKEN: limited.accessToken! };
    await runCli(['stores', 'add', '--name', 'limited', '--platform', 'shopify', '--url', limited.url, '--api-key-env', 'LIMITED_TOKEN'], { cwd, env });
    const check = await runCli(['stores', 'check', '3'], { cwd, env });
    expect(check.code).not.toBe(0);
    expect(check.stderr).toContain('write_orders');
    expect(check.stderr).not.toContain(limited.accessToken!);
  });
});
