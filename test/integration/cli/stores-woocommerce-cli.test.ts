import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';

const rw = WOO_SANDBOX_KEYS.readWrite;
const ro = WOO_SANDBOX_KEYS.readOnly;
const env = { CK_WOO: rw.consumerKey, CS_WOO: rw.consumerSecret, CK_RO: ro.consumerKey, CS_RO: ro.consumerSecret };

describe('stores commands for WooCommerce', () => {
  let cwd: string;
  let sandbox: WooSandbox;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-stores-woo-'));
    sandbox = await startWooSandbox({ port: 0, orders: 7 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  function secretsAbsent(text: string): void {
    for (const secret of [rw.consumerSecret, ro.consumerSecret, rw.consumerKey]) expect(text).not.toContain(secret);
  }

  it('adds a store with key and secret from the environment and the auth mode in settings', async () => {
    const added = await runCli(['stores', 'add', '--name', 'bottega', '--platform', 'woocommerce', '--url', sandbox.url, '--api-key-env', 'CK_WOO', '--api-secret-env', 'CS_WOO', '--auth', 'basic'], { cwd, env });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Store #1 bottega added (WooCommerce, ');
    expect(added.stdout).toContain('secret from $CS_WOO, auth basic');
    const json = await runCli(['--json', 'stores', 'list'], { cwd, env });
    const store = (JSON.parse(json.stdout) as { stores: Array<Record<string, unknown>> }).stores[0];
    expect(store).toMatchObject({ platform: 'WooCommerce', api_key: null, api_key_env: 'CK_WOO', api_secret: null, api_secret_env: 'CS_WOO', settings: { auth: 'basic' } });
  });

  it('stores check: reads and may write, with the secret nowhere', async () => {
    const run = await runCli(['--verbose', 'stores', 'check', '1'], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ok {3}key: the shop accepts the key \(\/wp-json routes\)/);
    expect(run.stdout).toMatch(/ok {3}write permission: Read\/Write: the probe PUT orders\/0 reached the shop and changed nothing/);
    secretsAbsent(run.stdout + run.stderr);
  });

  it('a stored secret is masked everywhere; a read-only key fails the check with exit 4', async () => {
    const added = await runCli(['stores', 'add', '--name', 'sola-lettura', '--platform', 'woocommerce', '--url', sandbox.url, '--api-key', ro.consumerKey, '--api-secret', ro.consumerSecret, '--auth', 'query'], { cwd, env });
    expect(added.code).toBe(0);
    const list = await runCli(['stores', 'list'], { cwd, env });
    const json = await runCli(['--json', 'stores', 'list'], { cwd, env });
    const check = await runCli(['--json', 'stores', 'check', '2'], { cwd, env });
    expect(check.code).toBe(4);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: false, items: [{ name: 'key', ok: true }, { name: 'write permission', ok: false }] });
    for (const run of [added, list, json, check]) {
      expect(run.stdout + run.stderr).not.toContain(ro.consumerSecret);
      expect(run.stdout + run.stderr).not.toContain(ro.consumerKey);
    }
    expect(sandbox.requests.some((r) => r.auth === 'query')).toBe(true);
  });

  it('a wrong secret: exit 4 with WooCommerce\'s message and no secret', async () => {
    const wrongEnv = { ...env, CS_WOO: 'cs_wrongwrongwrongwrongwrongwrongwrongwrong1' };
    const run = await runCli(['stores', 'check', '1'], { cwd, env: wrongEnv });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^error\[PLATFORM_UNAUTHORIZED\]: .*bottega.*Consumer secret is invalid/m);
    expect(run.stderr).not.toContain('cs_wrong');
  });

  it('refuses a WooCommerce store without a secret, a bad --auth, and WooCommerce flags on PrestaShop', async () => {
    const noSecret = await runCli(['stores', 'add', '--name', 'x', '--platform', 'woocommerce', '--url', sandbox.url, '--api-key-env', 'CK_WOO'], { cwd, env });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('error[MISSING_ARGUMENT]: a WooCommerce store needs its consumer secret');
    const badAuth = await runCli(['stores', 'add', '--name', 'x', '--platform', 'woocommerce', '--url', sandbox.url, '--api-key-env', 'CK_WOO', '--api-secret-env', 'CS_WOO', '--auth', 'digest'], { cwd, env });
    expect(badAuth.code).toBe(2);
    expect(badAuth.stderr).toContain('--auth must be one of basic, query, oauth');
    const badKey = await runCli(['stores', 'add', '--name', 'x', '--platform', 'woocommerce', '--url', sandbox.url, '--api-key', 'not a key', '--api-secret-env', 'CS_WOO'], { cwd, env });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('a WooCommerce consumer key starts with ck_');
    const presta = await runCli(['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', sandbox.url, '--api-key', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456', '--auth', 'basic'], { cwd, env });
    expect(presta.code).toBe(2);
    expect((await runCli(['--json', 'stores', 'list'], { cwd, env })).stdout).not.toContain('"name":"x"');
  });

  it('stores update changes the auth mode, keeping the other settings', async () => {
    expect((await runCli(['stores', 'update', '1', '--rest-route', 'pretty'], { cwd, env })).code).toBe(0);
    const run = await runCli(['--json', 'stores', 'update', '1', '--auth', 'oauth'], { cwd, env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ settings: { auth: 'oauth', rest_route: 'pretty' } });
    expect((await runCli(['stores', 'check', '1'], { cwd, env })).code).toBe(0);
    expect(sandbox.requests[sandbox.requests.length - 1]!.auth).toBe('oauth');
  });
});
