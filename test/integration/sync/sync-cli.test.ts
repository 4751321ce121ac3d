import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { createCliFixture, type CliFixture } from './cli-fixture.js';
import { lastHistoryId, storedHistories } from './sync-fixtures.js';

describe('orders and sync commands', () => {
  let f: CliFixture;
  afterEach(async () => { await f?.cleanup(); });

  it('orders set-status --json prints the spec PUT response plus the sync outcome', async () => {
    f = await createCliFixture();
    const before = lastHistoryId(f.sandbox);
    const run = await runCli(['--json', 'orders', 'set-status', '1001', '3'], { cwd: f.dir });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ message: 'Stato ordine aggiornato con successo', id_order: 1001, old_state: 1, new_state: 3, changed: true, sync: { status: 'done', id_platform_state: 3 } });
    expect(storedHistories(f.sandbox, 1, before)).toEqual([3]);

    const again = await runCli(['orders', 'set-status', '1001', 'In preparazione'], { cwd: f.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already is in state 3 \(In preparazione\): nothing changed, nothing pushed/);
    expect(storedHistories(f.sandbox, 1, before)).toEqual([3]);
  });

  it('unknown order or state: exit 2 and nothing written', async () => {
    f = await createCliFixture();
    const missing = await runCli(['orders', 'set-status', '999', '3'], { cwd: f.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error\[ORDER_NOT_FOUND\]/);
    const badState = await runCli(['orders', 'set-status', '1001', 'Nope'], { cwd: f.dir });
    expect(badState.code).toBe(2);
    expect(badState.stderr).toMatch(/error\[INVALID_STATE\]/);
    const app = await f.open();
    expect(await app.db.selectFrom('orders_history').selectAll().execute()).toHaveLength(0);
    expect(await app.db.selectFrom('sync_jobs').selectAll().execute()).toHaveLength(0);
    await app.close();
    expect(f.sandbox.requests).toHaveLength(0);
  });

  it('--dry-run shows the trigger and the platform call and changes nothing; --no-sync records without a job', async () => {
    f = await createCliFixture();
    const dry = await runCli(['orders', 'set-status', '1001', '4', '--dry-run'], { cwd: f.dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run/);
    expect(dry.stdout).toMatch(/platform state 4 "05 - Spedito"/);
    expect(dry.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/order_histories/);
    expect(dry.stdout).toContain('<id_order>1</id_order>');
    const noSync = await runCli(['--json', 'orders', 'set-status', '1002', '4', '--no-sync'], { cwd: f.dir });
    expect(noSync.code).toBe(0);
    expect(JSON.parse(noSync.stdout)).toMatchObject({ changed: true, sync: null, sync_note: 'not synced: --no-sync' });
    const app = await f.open();
    const orders = await app.db.selectFrom('orders').select(['id_order', 'id_order_state']).where('id_order', 'in', [1001, 1002]).orderBy('id_order').execute();
    expect(orders.map((o) => o.id_order_state)).toEqual([1, 4]);
    expect(await app.db.selectFrom('sync_jobs').selectAll().execute()).toHaveLength(0);
    await app.close();
    expect(f.sandbox.requests).toHaveLength(0);
  });

  it('401: set-status exits 4 with a credentials error; after fixing the key `sync retry` delivers', async () => {
    f = await createCliFixture();
    const app = await f.open();
    await app.db.updateTable('stores').set({ api_key: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY' }).execute();
    await app.close();
    const failed = await runCli(['orders', 'set-status', '1001', '4'], { cwd: f.dir });
    expect(failed.code).toBe(4);
    expect(failed.stdout).toMatch(/Push failed \(sync job 1\).*refused/);
    expect(failed.stderr).toContain('ERROR - Errore sync order state per order_id=1001: HTTP 401 Unauthorized');
    expect(`${failed.stdout}${failed.stderr}`).not.toContain('WRONGKEY');
    const list = await runCli(['--json', 'sync', 'list', '--status', 'failed'], { cwd: f.dir });
    expect(JSON.parse(list.stdout).jobs).toHaveLength(1);

    const fix = await runCli(['stores', 'update', String(f.storeId), '--api-key', f.sandbox.apiKey], { cwd: f.dir });
    expect(fix.code).toBe(0);
    const retry = await runCli(['--json', 'sync', 'retry', '--failed'], { cwd: f.dir });
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ requeued: [1], delivered: 1, failed: 0 });
    expect(f.sandbox.shop.orders.get(1)!.current_state).toBe(4);

    const show = await runCli(['orders', 'show', '1001'], { cwd: f.dir });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/platform state: 4 05 - Spedito/);
    expect(show.stdout).toMatch(/done/);
    expect(show.stdout).toMatch(/Sync log/);
  });

  it('platform down: jobs pending and exit 4; `sync run` later delivers each exactly once', async () => {
    f = await createCliFixture();
    const before = lastHistoryId(f.sandbox);
    f.sandbox.faults.failNext(1000, 503);
    for (const id of [1001, 1002, 1003]) {
      const run = await runCli(['orders', 'set-status', String(id), '4'], { cwd: f.dir });
      expect(run.code).toBe(4);
      expect(run.stdout).toMatch(/Not pushed yet/);
    }
    const down = await runCli(['sync', 'run'], { cwd: f.dir });
    expect(down.code).toBe(4);
    f.sandbox.faults.clear();
    const up = await runCli(['--json', 'sync', 'run'], { cwd: f.dir });
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ delivered: 3, failed: 0, pending: 0 });
    for (const origin of [1, 2, 3]) expect(storedHistories(f.sandbox, origin, before)).toEqual([4]);
    const idle = await runCli(['--json', 'sync', 'run'], { cwd: f.dir });
    expect(JSON.parse(idle.stdout)).toMatchObject({ delivered: 0 });
  });

  it('orders bulk with a mixed file: valid rows applied and synced, each invalid one reported, exit 5', async () => {
    f = await createCliFixture();
    const before = lastHistoryId(f.sandbox);
    await writeFile(path.join(f.dir, 'changes.json'), JSON.stringify({ orders: [
      { id_order: 1001, id_order_state: 3 },
      { id_order: 1002, id_order_state: 4 },
      { id_order: 4242, id_order_state: 3 },
      { id_order: 1003, id_order_state: 99 },
      { id_order: 1002, id_order_state: 3 },
      { id_order: 'x', id_order_state: 3 },
    ] }));
    const run = await runCli(['--json', 'orders', 'bulk', 'changes.json'], { cwd: f.dir });
    expect(run.code).toBe(5);
    const json = JSON.parse(run.stdout);
    expect(json.successful).toEqual([{ id_order: 1001, old_state: 1, new_state: 3 }, { id_order: 1002, old_state: 1, new_state: 4 }]);
    expect(json.failed.map((r: { error: string }) => r.error).sort()).toEqual(['DUPLICATE_ORDER', 'INVALID_ROW', 'INVALID_STATE', 'ORDER_NOT_FOUND']);
    expect(json.summary).toEqual({ total: 6, successful_count: 2, failed_count: 4 });
    expect(storedHistories(f.sandbox, 1, before)).toEqual([3]);
    expect(storedHistories(f.sandbox, 2, before)).toEqual([4]);

    const people = await runCli(['orders', 'bulk', '-'], { cwd: f.dir, input: 'id_order,id_order_state\n1003,3\n1004,nope\n' });
    expect(people.code).toBe(5);
    expect(people.stdout).toMatch(/INVALID_ROW/);
    expect(people.stdout).toMatch(/stdin/);
    expect(storedHistories(f.sandbox, 3, before)).toEqual([3]);
  });

  it('orders bulk is all or nothing for the file: a truncated, padded or doubled JSON, or a broken CSV, changes nothing (exit 2)', async () => {
    f = await createCliFixture();
    const rows = [1001, 1002, 1003, 1004].map((id) => JSON.stringify({ id_order: id, id_order_state: 3 }));
    const whole = `{"orders": [\n${rows.join(',\n')}\n]}\n`;
    const bad = {
      'truncated.json': whole.slice(0, whole.indexOf('{"id_order":1003')),
      'garbage.json': `${whole}}`,
      'two.json': `${whole}${whole}`,
      'deep.json': '['.repeat(100_000),
      'quote.csv': 'id_order,id_order_state\n1001,3\n"1002,3\n',
    };
    for (const [name, text] of Object.entries(bad)) {
      await writeFile(path.join(f.dir, name), text);
      const run = await runCli(['orders', 'bulk', name], { cwd: f.dir });
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(/error\[INVALID_INPUT\]: bulk (JSON|CSV) input: .*(line|byte) \d+.*nothing was changed/);
      expect(run.stderr, name).not.toMatch(/RangeError|\n\s+at /);
    }
    const app = await f.open();
    expect(await app.db.selectFrom('orders_history').selectAll().execute()).toHaveLength(0);
    expect(await app.db.selectFrom('sync_jobs').selectAll().execute()).toHaveLength(0);
    await app.close();
    expect(f.sandbox.requests).toHaveLength(0);

    // The same rows whole, and a CSV whose quoted name holds the delimiter: applied.
    const csv = 'customer;id_order;id_order_state\r\n"Rossi; Mario";1001;3\r\n"Bianchi ""Gigi""";1002;4\r\n';
    const applied = await runCli(['--json', 'orders', 'bulk', '-'], { cwd: f.dir, input: `\uFEFF${csv}` });
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).successful).toEqual([{ id_order: 1001, old_state: 1, new_state: 3 }, { id_order: 1002, old_state: 1, new_state: 4 }]);
  });

  it('sync list, help and usage errors', async () => {
    f = await createCliFixture();
    await runCli(['orders', 'set-status', '1001', '3'], { cwd: f.dir });
    const list = await runCli(['sync', 'list'], { cwd: f.dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/done/);
    const badStatus = await runCli(['sync', 'list', '--status', 'weird'], { cwd: f.dir });
    expect(badStatus.code).toBe(2);
    const noArgs = await runCli(['sync', 'retry'], { cwd: f.dir });
    expect(noArgs.code).toBe(2);
    const missingJob = await runCli(['sync', 'retry', '77'], { cwd: f.dir });
    expect(missingJob.code).toBe(2);
    expect(missingJob.stderr).toMatch(/SYNC_JOB_NOT_FOUND/);
    for (const args of [['orders', 'set-status', '--help'], ['orders', 'bulk', '--help'], ['sync', 'run', '--help'], ['demo', '--help']]) {
      const help = await runCli(args, { cwd: f.dir });
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Examples:/);
    }
  });
});

describe('demo', () => {
  it('runs the whole flow and exits 0', async () => {
    const run = await runCli(['--json', 'demo'], { cwd: process.cwd() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.status_change).toMatchObject({ new_state: 4, sync: { status: 'done', platform_state_name: '05 - Spedito' } });
    expect(report.platform_history.filter((h: { id_order_state: number }) => h.id_order_state === 4)).toHaveLength(1);
    expect(report.steps.map((s: { title: string }) => s.title)).toHaveLength(8);
    expect(report.refused_transition).toMatchObject({ code: 'INVALID_TRANSITION', to: 1, allowed_next: expect.arrayContaining([{ id: 5, name: 'Consegnato' }]) });
  });
});
