import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { pullStates } from '../../../src/pull/states-pull.js';
import { runCli } from '../../helpers/run-cli.js';
import { createCliFixture, type CliFixture } from './cli-fixture.js';

let fixture: CliFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

async function ready(): Promise<CliFixture> {
  fixture = await createCliFixture({ sandbox: { orders: 3 } });
  await pullStates(fixture.t.app);
  return fixture;
}

describe('triggers CLI', () => {
  it('adds a trigger from flags without a terminal, lists it as a table and as JSON with the spec columns', async () => {
    const { cwd } = await ready();
    const added = await runCli(['triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '3', '--send-email', '--json'], { cwd });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const trigger = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(trigger).toMatchObject({ id_store: 1, event_type: 'order_status_changed', state_type: 'order_state', id_state_local: 3, platform_state_id: 3, send_email: true, is_active: true });

    const list = await runCli(['triggers', 'list'], { cwd });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('3 In preparazione');
    expect(list.stdout).toContain('3 03 - Preparazione ordine in corso....');
    expect(list.stdout).toMatch(/order_status_changed.*yes.*yes/);
    const json = JSON.parse((await runCli(['triggers', 'list', '--store', '1', '--json'], { cwd })).stdout) as { triggers: Array<Record<string, unknown>> };
    expect(Object.keys(json.triggers[0]!)).toEqual(expect.arrayContaining(['id_trigger', 'event_type', 'id_store', 'state_type', 'id_state_local', 'id_state_platform', 'is_active', 'created_at', 'updated_at']));

    const disabled = await runCli(['triggers', 'disable', String(trigger.id_trigger)], { cwd });
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('inactive');
    expect((await runCli(['triggers', 'enable', String(trigger.id_trigger)], { cwd })).code).toBe(0);
    const removed = await runCli(['triggers', 'remove', String(trigger.id_trigger)], { cwd });
    expect(removed.code).toBe(0);
    expect((await runCli(['triggers', 'list'], { cwd })).stdout).toContain('No triggers yet');
  });

  it('without a terminal a missing flag is a usage error naming it, never a prompt', async () => {
    const { cwd } = await ready();
    const run = await runCli(['triggers', 'add', '--store', '1', '--local-state', '3'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[MISSING_ARGUMENT]: missing --event, --platform-state');
    expect(run.stderr).toContain('hint:');
    // --json never prompts either.
    const json = await runCli(['triggers', 'add', '--json'], { cwd });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'MISSING_ARGUMENT' } });
  });

  it('explains each refused trigger with its code and exit 2', async () => {
    const { cwd } = await ready();
    const cases: Array<[string[], string]> = [
      [['--store', '9', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '3'], 'error[STORE_NOT_FOUND]'],
      [['--store', '1', '--event', 'order_created', '--local-state', '3', '--platform-state', '3'], 'error[INVALID_ARGUMENT]: --event must be one of order_status_changed, shipping_status_changed'],
      [['--store', '1', '--event', 'order_status_changed', '--local-state', '30', '--platform-state', '3'], 'error[LOCAL_STATE_NOT_FOUND]'],
      [['--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '14'], 'error[PLATFORM_STATE_FLAGGED]'],
      [['--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '99'], 'error[PLATFORM_STATE_NOT_FOUND]'],
    ];
    for (const [flags, expected] of cases) {
      const run = await runCli(['triggers', 'add', ...flags], { cwd });
      expect(run.code, flags.join(' ')).toBe(2);
      expect(run.stderr).toContain(expected);
    }
    await runCli(['triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '3'], { cwd });
    const duplicate = await runCli(['triggers', 'add', '--store', '1', '--event', 'order_status_changed', '--local-state', '3', '--platform-state', '4'], { cwd });
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/error\[TRIGGER_DUPLICATE\].*trigger #1/);
  });

  it("shows the spec's SQL-created trigger and what it would send for an order", async () => {
    const { cwd, t } = await ready();
    await sql`INSERT INTO platform_state_triggers 
  (event_type, id_store, state_type, id_state_local, id_state_platform, is_active)
VALUES 
  ('order_status_changed', 1, 'order_state', 3, 3, 1);`.execute(t.app.db);
    const list = await runCli(['triggers', 'list'], { cwd });
    expect(list.stdout).toMatch(/│ 1 +│ #1 sandbox +│ order_status_changed │ 3 In preparazione +│ 3 03 - Preparazione ordine in corso\.\.\.\. │ inherit +│ yes/);

    await t.app.db.insertInto('orders').values({ id_origin: 2, id_platform: 1, id_store: 1, id_order_state: 1, reference: 'ABCD1234' }).execute();
    const test = await runCli(['triggers', 'test', '1', '3'], { cwd });
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('Would fire (dry run: nothing was sent)');
    expect(test.stdout).toContain(`POST ${t.sandbox!.url}/api/order_histories`);
    expect(test.stdout).toContain('<id_order_state>3</id_order_state>');
    const none = await runCli(['triggers', 'test', '1', '5'], { cwd });
    expect(none.stdout).toContain('Would not fire: Nessun trigger trovato per order_id=1, state_id=5, store=1');
  });
});

describe('states CLI', () => {
  it('pulls with a summary, prints nothing with --quiet, lists the catalogue; a failing store exits 4 and the others are pulled', async () => {
    fixture = await createCliFixture({ sandbox: { orders: 1 } });
    const { cwd, t } = fixture;
    const pulled = await runCli(['states', 'pull'], { cwd });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(/#1 sandbox .*│ 14 +│ 0 +│ 0 +│ 0 +│ ok/);
    const quiet = await runCli(['states', 'pull', '--quiet'], { cwd });
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });

    const list = await runCli(['states', 'list', '--store', '1'], { cwd });
    expect(list.stdout).toContain('03 - Preparazione ordine in corso....');
    expect(list.stdout).not.toContain('Vecchio stato');
    expect((await runCli(['states', 'list', '--all'], { cwd })).stdout).toMatch(/Vecchio stato \(eliminato\).*deleted/);

    await t.app.db.insertInto('stores').values({ id_platform: 1, name: 'rotto', base_url: t.sandbox!.url, api_key: 'WRONGKEY000000000000000000000000', format: 'xml' }).execute();
    const failing = await runCli(['states', 'pull', '--quiet'], { cwd });
    expect(failing.code).toBe(4);
    // On failure --quiet no longer hides the summary: cron mails it with the error.
    expect(failing.stdout).toContain('FAILED PLATFORM_UNAUTHORIZED');
    expect(failing.stderr).toContain('error[PLATFORM_UNAUTHORIZED]: store rotto (#2)');
    expect(failing.stderr).not.toContain('WRONGKEY');
    const json = JSON.parse((await runCli(['states', 'pull', '--json'], { cwd })).stdout) as { ok: boolean; stores: Array<{ store: string; ok: boolean; unchanged: number }> };
    expect(json.ok).toBe(false);
    expect(json.stores.find((s) => s.store === 'sandbox')).toMatchObject({ ok: true, unchanged: 14 });
  });
});
