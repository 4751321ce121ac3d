import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';

describe('stores commands', () => {
  let cwd: string;
  let sandbox: Sandbox;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-stores-'));
    sandbox = await startSandbox({ apiKey: KEY, orders: 5 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('adds a store and never prints its key whole, in text or JSON', async () => {
    const added = await runCli(['stores', 'add', '--name', 'negozio', '--platform', 'prestashop', '--url', `${sandbox.url}/api/`, '--api-key', KEY], { cwd });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Store #1 negozio added');
    const list = await runCli(['stores', 'list'], { cwd });
    const json = await runCli(['--json', 'stores', 'list'], { cwd });
    for (const run of [added, list, json]) {
      expect(run.stdout + run.stderr).not.toContain(KEY);
    }
    const parsed = JSON.parse(json.stdout) as { stores: Array<Record<string, unknown>> };
    expect(parsed.stores[0]).toMatchObject({ id_store: 1, name: 'negozio', platform: 'PrestaShop', base_url: sandbox.url, api_key: 'ABCD************************3456' });
  });

  it('checks the key against the platform, with verbose logs that do not leak it', async () => {
    const run = await runCli(['--verbose', 'stores', 'check', '1'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Store #1 negozio: the webservice answered and the key works/);
    expect(run.stdout).toMatch(/order_histories\s+│?\s*POST\s+│?\s*ok/);
    // -v: every platform call with method, path, status and time, never the key.
    expect(run.stderr).toMatch(/platform call: store negozio \(#1\) GET \/api\/ 200 \d+ ms/);
    expect(run.stderr).toMatch(/platform call: store negozio \(#1\) HEAD \/api\/customers 200 \d+ ms/);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('reports a key the platform refuses as a platform failure naming the store, without the key', async () => {
    const wrong = 'ZZZZEFGHIJKLMNOPQRSTUVWXYZ123456';
    expect((await runCli(['stores', 'update', '1', '--api-key', wrong], { cwd })).code).toBe(0);
    const run = await runCli(['stores', 'check', '1'], { cwd });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^error\[PLATFORM_UNAUTHORIZED\]: .*negozio/m);
    expect(run.stderr).toMatch(/^hint: /m);
    expect(run.stdout + run.stderr).not.toContain(wrong);
    expect((await runCli(['stores', 'update', '1', '--api-key', KEY], { cwd })).code).toBe(0);
  });

  it('reads a key from the environment variable the store names, and says which one is missing', async () => {
    const add = await runCli(['stores', 'add', '--name', 'envstore', '--platform', 'PrestaShop', '--url', sandbox.url, '--api-key-env', 'SHOP_KEY'], { cwd });
    expect(add.code).toBe(0);
    expect((await runCli(['stores', 'check', '2'], { cwd, env: { SHOP_KEY: KEY } })).code).toBe(0);
    const missing = await runCli(['stores', 'check', '2'], { cwd });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('error[CONFIG_INVALID]: store envstore (#2) reads its API key from SHOP_KEY, which is not set');
  });

  it('refuses bad input with a clear error, exit 2, and changes nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', sandbox.url, '--api-key', 'short'], /error\[INVALID_API_KEY\]: --api-key: a PrestaShop API key is exactly 32/],
      [['stores', 'add', '--name', 'x', '--platform', 'magento', '--url', sandbox.url, '--api-key', KEY], /--platform must be one of prestashop/],
      [['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', 'shop', '--api-key', KEY], /--url must be an http\(s\) URL/],
      [['stores', 'add', '--name', 'x', '--platform', 'prestashop', '--url', sandbox.url], /needs an API key/],
      [['stores', 'add', '--name', 'negozio', '--platform', 'prestashop', '--url', sandbox.url, '--api-key', KEY], /error\[STORE_EXISTS\]/],
      [['stores', 'remove', '99'], /error\[STORE_NOT_FOUND\]: store 99 does not exist/],
      [['stores', 'update', '1'], /nothing to change/],
      [['stores', 'add', '--name', 'x'], /error\[USAGE\]: required option/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const list = JSON.parse((await runCli(['--json', 'stores', 'list'], { cwd })).stdout) as { stores: unknown[] };
    expect(list.stores).toHaveLength(2);
  });

  it('sets, refuses and clears the time zone of a PrestaShop store', async () => {
    const set = await runCli(['--json', 'stores', 'update', '1', '--timezone', 'Europe/Rome'], { cwd });
    expect(set.code).toBe(0);
    expect((JSON.parse(set.stdout) as { settings: Record<string, unknown> }).settings).toMatchObject({ timezone: 'Europe/Rome' });
    const bad = await runCli(['stores', 'update', '1', '--timezone', 'Europe/Roma'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--timezone must be an IANA time zone such as Europe/Rome, got "Europe/Roma"');
    const cleared = await runCli(['--json', 'stores', 'update', '1', '--timezone', 'shop'], { cwd });
    expect(cleared.code).toBe(0);
    expect((JSON.parse(cleared.stdout) as { settings: Record<string, unknown> | null }).settings?.timezone).toBeUndefined();
  });

  it('prints errors as JSON on stdout with --json, for scripts', async () => {
    const run = await runCli(['--json', 'stores', 'remove', '42'], { cwd });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'STORE_NOT_FOUND', message: 'store 42 does not exist', hint: expect.any(String) } });
  });

  it('removes a store without orders', async () => {
    const run = await runCli(['stores', 'remove', '2'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Store #2 envstore removed');
  });
});

describe('config errors', () => {
  it('exit 3 with every problem and its key path', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-config-cli-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(cwd, 'ecom-sync.config.yaml'), 'sync:\n  attempts: -1\nbogus: 1\n');
    const run = await runCli(['stores', 'list'], { cwd });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('sync.attempts: must be at least 1, got -1');
    expect(run.stderr).toContain('bogus: unknown key');
  });

  it('config show masks the token and the database password', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-config-show-'));
    const run = await runCli(['--json', 'config', 'show'], { cwd, env: { ECOM_SYNC_API_TOKEN: 'super-secret-token', ECOM_SYNC_DATABASE_URL: 'postgres://ecom:pa55word@db.example/ecom' } });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('super-secret-token');
    expect(run.stdout).not.toContain('pa55word');
    expect(JSON.parse(run.stdout).config.database.url).toBe('postgres://ecom:***@db.example/ecom');
  });
});
