import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../../src/db/connect-database.js';
import { insertInboundEvent } from '../../../src/webhooks/inbound-event-repository.js';
import { runCli } from '../../helpers/run-cli.js';

const SECRET = 'whsec-super-secret-value-0001';

describe('webhooks commands', () => {
  let cwd: string;
  let connection: DatabaseConnection;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-webhooks-'));
    expect((await runCli(['db', 'migrate'], { cwd })).code).toBe(0);
    connection = await connectDatabase(`sqlite:${path.join(cwd, 'ecom-sync.db')}`);
    await connection.db.insertInto('stores').values([
      { id_platform: 1, name: 'negozio-presta', base_url: 'https://presta.example', api_key: 'A'.repeat(32) },
      { id_platform: 3, name: 'negozio-woo', base_url: 'https://woo.example', api_key: 'ck_x' },
    ]).execute();
    const delivery = { topic: 'order.updated', dedupKey: 'order:501:2026-11-30T10:00:00.000Z', idOrigin: '501', platformUpdatedAt: '2026-11-30T10:00:00.000Z' };
    await insertInboundEvent(connection.db, { storeId: 2, platform: 'woocommerce', delivery, payload: '{"id":501}', receivedAt: Date.parse('2026-11-30T10:00:01Z') });
  });
  afterAll(async () => { await connection?.close(); });

  it('sets a webhook secret by variable name and never shows its value', async () => {
    const bad = await runCli(['stores', 'update', '2', '--webhook-secret-env', 'not a name'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--webhook-secret-env must be an environment variable name');
    const set = await runCli(['--json', 'stores', 'update', '2', '--webhook-secret-env', 'WOO_HOOK_SECRET'], { cwd, env: { WOO_HOOK_SECRET: SECRET } });
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ id_store: 2, webhook_secret_env: 'WOO_HOOK_SECRET' });
    const status = await runCli(['--json', 'webhooks', 'status'], { cwd, env: { WOO_HOOK_SECRET: SECRET } });
    expect(status.code).toBe(0);
    expect(status.stdout).not.toContain(SECRET);
    const stores = (JSON.parse(status.stdout) as { stores: Array<Record<string, unknown>> }).stores;
    expect(stores).toEqual([
      expect.objectContaining({ id_store: 1, webhooks: false, route: null }),
      expect.objectContaining({ id_store: 2, webhooks: true, secret_set: true, route: '/webhooks/woocommerce/2', last_received_at: '2026-11-30T10:00:01.000+00:00', pending: 1, failed: 0 }),
    ]);
    // Without the variable in the environment, the table says the secret is missing.
    const table = await runCli(['webhooks', 'status'], { cwd });
    expect(table.stdout).toContain('MISSING');
    expect(table.stdout).toContain('the orders pull is its channel');
  });

  it('lists the inbox with filters, without the bodies', async () => {
    const all = await runCli(['--json', 'webhooks', 'events', '--store', '2'], { cwd });
    expect(all.code).toBe(0);
    const events = (JSON.parse(all.stdout) as { events: Array<Record<string, unknown>> }).events;
    expect(events).toEqual([expect.objectContaining({ id_store: 2, topic: 'order.updated', id_origin: '501', outcome: 'pending', received_at: '2026-11-30T10:00:01.000+00:00' })]);
    expect(events[0]).not.toHaveProperty('payload');
    const none = await runCli(['webhooks', 'events', '--status', 'failed'], { cwd });
    expect(none.stdout).toContain('No webhook events match.');
    const wrong = await runCli(['webhooks', 'events', '--status', 'lost'], { cwd });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--status must be one of pending');
  });
});
