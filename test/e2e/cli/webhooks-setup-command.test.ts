import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../src/db/connect-database.js';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { spawnCli } from '../../helpers/run-cli.js';

describe('ecom-sync webhooks setup / list / remove (built binary, WooCommerce sandbox)', () => {
  let woo: WooSandbox;
  let cwd: string;
  let bare: string;

  beforeAll(async () => {
    woo = await startWooSandbox({ port: 0, orders: 2, frozenClock: true });
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-e2e-hooks-'));
    bare = await mkdtemp(path.join(tmpdir(), 'ecom-sync-e2e-hooks-bare-'));
    const database = `sqlite:${path.join(cwd, 'ecom-sync.db')}`;
    // Nothing listens on port 1: WooCommerce's creation ping fails, which never stops the creation.
    await writeFile(path.join(cwd, 'ecom-sync.config.yaml'), `database:\n  url: ${database}\ndaemon:\n  public_url: http://127.0.0.1:1\n`);
    await writeFile(path.join(bare, 'ecom-sync.config.yaml'), `database:\n  url: ${database}\n`);
    expect((await spawnCli(['db', 'migrate'], { cwd })).code).toBe(0);
    const connection = await connectDatabase(database);
    await connection.db.insertInto('stores').values({ id_platform: 3, name: 'negozio-woo', base_url: woo.url, api_key: WOO_SANDBOX_KEYS.readWrite.consumerKey, api_secret: WOO_SANDBOX_KEYS.readWrite.consumerSecret, settings: JSON.stringify({ auth: 'basic' }) }).execute();
    await connection.close();
  });
  afterAll(async () => { await woo?.close(); });

  it('registers once, lists, removes; exits 2 without an address; never prints the secret', async () => {
    const missing = await spawnCli(['webhooks', 'setup', '--store', '1'], { cwd: bare });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error[WEBHOOK_URL_MISSING]');
    expect(missing.stderr).toContain('hint:');

    const first = await spawnCli(['webhooks', 'setup', '--store', '1'], { cwd });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('1 created');
    const again = await spawnCli(['--json', 'webhooks', 'setup', '--store', '1'], { cwd });
    expect(JSON.parse(again.stdout)).toMatchObject({ url: 'http://127.0.0.1:1/webhooks/woocommerce/1', secret: 'stored', subscriptions: [{ action: 'unchanged' }] });
    expect(woo.webhooks.webhooks.size).toBe(1);
    const secret = [...woo.webhooks.webhooks.values()][0]!.secret;

    const list = await spawnCli(['webhooks', 'list'], { cwd });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('http://127.0.0.1:1/webhooks/woocommerce/1');
    expect(list.stdout).toContain('ecom-sync');
    const removed = await spawnCli(['webhooks', 'remove', '--store', '1', '--all'], { cwd });
    expect(removed.code).toBe(0);
    expect(woo.webhooks.webhooks.size).toBe(0);
    for (const run of [first, again, list, removed]) expect(run.stdout + run.stderr).not.toContain(secret);
  });
});
