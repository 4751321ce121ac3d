import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWooSandbox, WOO_SANDBOX_KEYS, type WooSandbox } from '../../../src/platforms/woocommerce-sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';

const rw = WOO_SANDBOX_KEYS.readWrite;
const env = { CK_WOO: rw.consumerKey, CS_WOO: rw.consumerSecret };

describe('triggers add on a WooCommerce store (CLI)', () => {
  let cwd: string;
  let sandbox: WooSandbox;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-triggers-woo-'));
    sandbox = await startWooSandbox({ port: 0, orders: 5 });
    expect((await runCli(['stores', 'add', '--name', 'bottega', '--platform', 'woocommerce', '--url', sandbox.url, '--api-key-env', 'CK_WOO', '--api-secret-env', 'CS_WOO'], { cwd, env })).code).toBe(0);
    expect((await runCli(['states', 'pull', '--store', '1'], { cwd, env })).code).toBe(0);
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('a status WooCommerce mails the customer about: the trigger is made and says --no-send-email cannot promise silence', async () => {
    const run = await runCli(['triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '4', '--platform-state', 'completed', '--no-send-email'], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Trigger created');
    expect(run.stdout).toMatch(/Note: WooCommerce sends its own customer e-mail when an order becomes "Completed" \(completed\); the REST API cannot turn it off, so --no-send-email cannot promise silence/);
    const json = await runCli(['--json', 'triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', 'processing'], { cwd, env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ id_store: 1, notes: [expect.stringContaining('"Processing" (processing)')] });
  });

  it('a status WooCommerce sends no customer e-mail for (a plugin\'s custom one): no note, the REST shape alone', async () => {
    const json = await runCli(['--json', 'triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '5', '--platform-state', 'spedito-parziale'], { cwd, env });
    expect(json.code).toBe(0);
    const trigger = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(trigger).not.toHaveProperty('notes');
    expect(JSON.stringify(trigger)).not.toContain(rw.consumerSecret);
  });
});
