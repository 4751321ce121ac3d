import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { createCliFixture, type CliFixture } from '../triggers/cli-fixture.js';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

describe('orders pull CLI', () => {
  it('prints a summary per store, JSON with --json, nothing with --quiet; drift and failures on stderr with exit 4', async () => {
    fixture = await createCliFixture({ sandbox: { orders: 30, now: '2026-03-01 12:00:00', frozenClock: true } });
    const { cwd, t } = fixture;
    const first = await runCli(['orders', 'pull'], { cwd });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/#1 sandbox +│ all +│ 30 +│ 30 +│ 0 +│ 0 +│ 0 /);

    const shop = t.sandbox!.shop;
    shop.advanceClock(60_000);
    const order = shop.orders.get(3)!;
    const target = [...shop.orderStates.values()].find((s) => !s.deleted && s.id !== order.current_state)!;
    shop.setOrderState(3, target.id);
    const quiet = await runCli(['orders', 'pull', '--quiet'], { cwd });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    // Drift is news for the operator even in cron.
    expect(quiet.stderr).toContain(`drift: order`);
    expect(quiet.stderr).toContain(`to ${target.id}; local state 1 left alone`);

    const json = JSON.parse((await runCli(['orders', 'pull', '--json', '--since', '2026-01-01'], { cwd })).stdout) as { ok: boolean; stores: Array<{ since: string; fetched: number }> };
    expect(json.ok).toBe(true);
    expect(json.stores[0]).toMatchObject({ since: '2026-01-01T00:00:00+01:00', fetched: 30 });

    const bad = await runCli(['orders', 'pull', '--since', 'ieri'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error[INVALID_SINCE]');

    await t.app.db.insertInto('stores').values({ id_platform: 1, name: 'rotto', base_url: t.sandbox!.url, api_key: 'WRONGKEY000000000000000000000000', format: 'xml' }).execute();
    const failing = await runCli(['orders', 'pull'], { cwd });
    expect(failing.code).toBe(4);
    expect(failing.stderr).toContain('error[PLATFORM_UNAUTHORIZED]: store rotto (#2)');
  });
});
