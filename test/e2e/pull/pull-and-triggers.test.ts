import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { spawnCli } from '../../helpers/run-cli.js';

let sandbox: Sandbox;
let cwd: string;

beforeAll(async () => {
  sandbox = await startSandbox({ orders: 40, seed: 2 });
  cwd = await mkdtemp(path.join(tmpdir(), 'ecom-sync-e2e-pull-'));
  await writeFile(path.join(cwd, 'ecom-sync.config.yaml'), 'database: { url: sqlite:./e2e.db }\n');
});
afterAll(async () => {
  await sandbox.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('pull and triggers (built binary, as cron and a script would run them)', () => {
  it('adds a store, pulls states and orders quietly, adds a trigger from flags and lists it', async () => {
    const env = { SHOP_KEY: sandbox.apiKey };
    const added = await spawnCli(['stores', 'add', '--name', 'negozio', '--platform', 'prestashop', '--url', sandbox.url, '--api-key-env', 'SHOP_KEY'], { cwd, env });
    expect(added.code).toBe(0);

    expect(await spawnCli(['states', 'pull', '--quiet'], { cwd, env })).toEqual({ code: 0, stdout: '', stderr: '' });
    const orders = await spawnCli(['orders', 'pull', '--json'], { cwd, env });
    expect(orders.code).toBe(0);
    expect(JSON.parse(orders.stdout)).toMatchObject({ ok: true, totals: { created: 40 } });

    // stdin is a pipe, not a terminal: a missing flag is an immediate usage error, never a prompt.
    const missing = await spawnCli(['triggers', 'add', '--store', '1'], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --event, --local-state, --platform-state');

    const trigger = await spawnCli(['triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '4', '--platform-state', '4'], { cwd, env });
    expect(trigger.code).toBe(0);
    expect(trigger.stdout).toContain('Trigger created: #1 order_status_changed');
    const list = await spawnCli(['triggers', 'list'], { cwd, env });
    expect(list.stdout).toContain('4 05 - Spedito');
    // No colours or spinners off a terminal.
    expect(list.stdout).not.toContain('\u001b[');
    const test = await spawnCli(['triggers', 'test', '1', '4'], { cwd, env });
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('<id_order_state>4</id_order_state>');
  });

  it('a store that fails makes states pull exit 4 with the reason on stderr', async () => {
    const run = await spawnCli(['states', 'pull', '--quiet'], { cwd, env: {} });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('SHOP_KEY');
  });
});
