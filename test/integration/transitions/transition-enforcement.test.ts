import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDialects } from '../../helpers/test-database.js';
import { createTransitionFixture, type TransitionFixture } from './transition-fixture.js';

// Orders 1001-1006 start in state 1; the graph allows 1 -> 2 -> 3 -> 4 -> 5. 1 -> 4 is the jump.
const BULK_CSV = 'id_order,id_order_state\n1003,4\n1004,2\n';

for (const dialect of testDialects()) {
  describe(`transition rules (${dialect})`, () => {
    let f: TransitionFixture;
    afterEach(async () => { await f?.cleanup(); });

    it('off: every entry point applies any jump, with no warnings', async () => {
      f = await createTransitionFixture(dialect, 'off');
      const cli = await f.cli(['--json', 'orders', 'set-status', '1001', '4']);
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).not.toHaveProperty('warnings');
      const rest = await f.put(1002, { id_order_state: 4 });
      expect(rest.statusCode).toBe(200);
      expect(rest.json()).not.toHaveProperty('warnings');
      await writeFile(path.join(f.cwd, 'changes.csv'), BULK_CSV);
      const bulk = await f.cli(['--json', 'orders', 'bulk', 'changes.csv']);
      expect(bulk.code, bulk.stderr).toBe(0);
      expect(JSON.parse(bulk.stdout)).not.toHaveProperty('warnings');
      const restBulk = await f.bulk({ orders: [{ id_order: 1005, id_order_state: 4 }] });
      expect(restBulk.json()).toMatchObject({ summary: { successful_count: 1, failed_count: 0 } });
      expect(await Promise.all([1001, 1002, 1003, 1004, 1005].map((id) => f.stateOf(id)))).toEqual([4, 4, 4, 2, 4]);
    });

    it('warn: every entry point applies the jump and says so (CLI warning, warnings in JSON, a log line)', async () => {
      f = await createTransitionFixture(dialect, 'warn');
      const text = await f.cli(['orders', 'set-status', '1001', 'Spedito']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/warning: order 1001: 1 \(In attesa di pagamento\) → 4 \(Spedito\) is not an allowed transition; allowed from 1 \(In attesa di pagamento\): 2 \(Pagamento accettato\) — applied anyway \(transitions.mode warn\)/);
      expect(text.stderr).toMatch(/WARNING - order 1001: 1 \(In attesa di pagamento\) → 4 \(Spedito\) is not an allowed transition/);
      expect(await f.stateOf(1001)).toBe(4);

      const rest = await f.put(1002, { id_order_state: 4 });
      expect(rest.statusCode).toBe(200);
      expect(rest.json()).toMatchObject({ changed: true, new_state: 4, transition: { outcome: 'warned' }, sync: { status: 'done' } });
      expect(rest.json().warnings).toEqual([expect.stringMatching(/^order 1002: .*applied anyway/)]);
      expect(f.t.log.lines.some((l) => /^WARNING - order 1002: /.test(l))).toBe(true);

      await writeFile(path.join(f.cwd, 'changes.csv'), BULK_CSV);
      const bulk = await f.cli(['--json', 'orders', 'bulk', 'changes.csv']);
      expect(bulk.code, bulk.stderr).toBe(0);
      const bulkJson = JSON.parse(bulk.stdout);
      expect(bulkJson.summary).toEqual({ total: 2, successful_count: 2, failed_count: 0 });
      expect(bulkJson.warnings).toEqual([{ id_order: 1003, line: 2, message: expect.stringMatching(/1 \(In attesa di pagamento\) → 4 \(Spedito\).*applied anyway/) }]);
      expect(bulk.stderr).toMatch(/WARNING - order 1003: /);

      const restBulk = await f.bulk([{ id_order: 1005, id_order_state: 4 }, { id_order: 1006, id_order_state: 2 }]);
      expect(restBulk.json()).toMatchObject({ summary: { successful_count: 2, failed_count: 0 }, warnings: [{ id_order: 1005 }] });
      expect(await Promise.all([1003, 1004, 1005, 1006].map((id) => f.stateOf(id)))).toEqual([4, 2, 4, 2]);
    });

    it('enforce: the jump is refused everywhere and changes nothing; allowed rows of a bulk change are applied', async () => {
      f = await createTransitionFixture(dialect, 'enforce');
      const requestsBefore = f.t.sandbox!.requests.length;
      const cli = await f.cli(['orders', 'set-status', '1001', '4']);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(/error\[INVALID_TRANSITION\]: order 1001: 1 \(In attesa di pagamento\) → 4 \(Spedito\) is not an allowed transition/);
      expect(cli.stderr).toMatch(/hint: Allowed next: 2 Pagamento accettato\./);
      expect(cli.stderr).not.toMatch(/\n\s+at /); // no stack trace for a refused change

      const rest = await f.put(1002, { id_order_state: 4 });
      expect(rest.statusCode).toBe(409);
      expect(rest.json().error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { id_order: 1002, state_type: 'order_state', from: 1, to: 4, allowed_next: [{ id: 2, name: 'Pagamento accettato' }] },
      });
      expect(await f.history(1001)).toEqual([]);
      expect(await f.history(1002)).toEqual([]);
      expect(await f.app.db.selectFrom('sync_jobs').selectAll().execute()).toEqual([]);
      expect(f.t.sandbox!.requests.length).toBe(requestsBefore);

      // An allowed step still goes through, with its push.
      const allowed = await f.put(1002, { id_order_state: 2 });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json()).toMatchObject({ transition: { outcome: 'allowed' } });
      expect(allowed.json()).not.toHaveProperty('warnings');

      await writeFile(path.join(f.cwd, 'changes.csv'), BULK_CSV);
      const bulk = await f.cli(['--json', 'orders', 'bulk', 'changes.csv']);
      expect(bulk.code).toBe(5);
      const bulkJson = JSON.parse(bulk.stdout);
      expect(bulkJson.successful).toEqual([{ id_order: 1004, old_state: 1, new_state: 2 }]);
      expect(bulkJson.failed).toEqual([{ id_order: 1003, error: 'INVALID_TRANSITION', line: 2, message: expect.stringMatching(/1 \(In attesa di pagamento\) → 4 \(Spedito\) is not an allowed transition/) }]);

      const restBulk = await f.bulk({ orders: [{ id_order: 1005, id_order_state: 4 }, { id_order: 1006, id_order_state: 2 }] });
      expect(restBulk.statusCode).toBe(200);
      expect(restBulk.json()).toMatchObject({ successful: [{ id_order: 1006 }], failed: [{ id_order: 1005, error: 'INVALID_TRANSITION' }], summary: { successful_count: 1, failed_count: 1 } });
      expect(await Promise.all([1001, 1002, 1003, 1004, 1005, 1006].map((id) => f.stateOf(id)))).toEqual([1, 2, 1, 2, 1, 2]);
    });

    it('an override with its reason applies the jump; the reason is stored with the history row and shown by orders show', async () => {
      f = await createTransitionFixture(dialect, 'enforce');
      const noReason = await f.cli(['orders', 'set-status', '1001', '4', '--force']);
      expect(noReason.code).toBe(2);
      expect(noReason.stderr).toMatch(/error\[REASON_REQUIRED\]/);
      expect((await f.put(1001, { id_order_state: 4, force: true })).json().error.code).toBe('REASON_REQUIRED');
      expect(await f.history(1001)).toEqual([]);

      const forced = await f.cli(['--json', 'orders', 'set-status', '1001', '4', '--force', '--reason', 'goods handed over at the counter']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(JSON.parse(forced.stdout)).toMatchObject({ changed: true, reason: 'goods handed over at the counter', transition: { outcome: 'forced' }, sync: { status: 'done' } });
      expect(await f.history(1001)).toEqual([{ id_order_state: 4, reason: 'goods handed over at the counter' }]);
      const show = await f.cli(['orders', 'show', '1001']);
      expect(show.stdout).toMatch(/override reason/);
      expect(show.stdout).toMatch(/goods handed over at the counter/);
      const showJson = JSON.parse((await f.cli(['--json', 'orders', 'show', '1001'])).stdout);
      expect(showJson.history).toEqual([expect.objectContaining({ id_order_state: 4, reason: 'goods handed over at the counter' })]);

      const rest = await f.put(1002, { id_order_state: 4, force: true, reason: 'customer collected it' });
      expect(rest.statusCode).toBe(200);
      expect(rest.json().warnings).toEqual([expect.stringMatching(/applied by override \(reason: customer collected it\)/)]);
      expect(await f.history(1002)).toEqual([{ id_order_state: 4, reason: 'customer collected it' }]);

      await writeFile(path.join(f.cwd, 'changes.csv'), BULK_CSV);
      const bulk = await f.cli(['--json', 'orders', 'bulk', 'changes.csv', '--force', '--reason', 'warehouse recount']);
      expect(bulk.code, bulk.stderr).toBe(0);
      expect(JSON.parse(bulk.stdout).summary).toMatchObject({ successful_count: 2, failed_count: 0 });
      expect(await f.history(1003)).toEqual([{ id_order_state: 4, reason: 'warehouse recount' }]);
      const restBulk = await f.bulk({ orders: [{ id_order: 1005, id_order_state: 4 }], force: true, reason: 'ticket 812' });
      expect(restBulk.json().summary).toMatchObject({ successful_count: 1 });
      expect(await f.history(1005)).toEqual([{ id_order_state: 4, reason: 'ticket 812' }]);
    });

    it('a final platform state: a later change whose trigger pushes a non-final state is refused (enforce) or warned (warn), naming the rule', async () => {
      f = await createTransitionFixture(dialect, 'enforce', { rules: false });
      const cancelled = await f.put(1001, { id_order_state: 6 });
      expect(cancelled.json()).toMatchObject({ changed: true, sync: { status: 'done', id_platform_state: 6 } });
      const list = JSON.parse((await f.cli(['--json', 'transitions', 'list'])).stdout);
      expect(list.final_triggers).toEqual([expect.objectContaining({ id_state_local: 6, platform: 'PrestaShop', platform_state: 'Annullato', rule: 'transitions.final_platform_states.prestashop: Annullato' })]);

      const back = await f.put(1001, { id_order_state: 3 });
      expect(back.statusCode).toBe(409);
      expect(back.json().error.details.violations).toEqual([expect.objectContaining({ rule: 'platform_final', platform: 'PrestaShop', platform_state: 'Annullato' })]);
      expect(back.json().error.message).toMatch(/the PrestaShop order is in its final state "Annullato" \(transitions.final_platform_states.prestashop: Annullato\); the trigger of state 3 would push "[^"]+", which PrestaShop cannot apply to it$/);
      // A state without a trigger pushes nothing: allowed.
      expect((await f.put(1001, { id_order_state: 5 })).statusCode).toBe(200);
      const check = JSON.parse((await f.cli(['--json', 'transitions', 'check', '1001', '3'])).stdout);
      expect(check).toMatchObject({ allowed: false, would: 'refuse', verdict: { violations: [{ rule: 'platform_final' }] } });

      // Not pushed yet (--no-sync): the trigger of the current local state tells that it is final.
      expect((await f.cli(['orders', 'set-status', '1002', '6', '--no-sync'])).code).toBe(0);
      const bulk = await f.bulk([{ id_order: 1002, id_order_state: 4 }, { id_order: 1003, id_order_state: 4 }]);
      expect(bulk.json()).toMatchObject({ failed: [{ id_order: 1002, error: 'INVALID_TRANSITION', message: expect.stringMatching(/final state "Annullato"/) }], successful: [{ id_order: 1003 }] });

      await f.setMode('warn');
      const warned = await f.cli(['--json', 'orders', 'set-status', '1001', '3']);
      expect(warned.code, warned.stderr).toBe(0);
      expect(JSON.parse(warned.stdout).warnings).toEqual([expect.stringMatching(/final state "Annullato" \(transitions.final_platform_states.prestashop: Annullato\).*applied anyway/)]);
      expect(await f.stateOf(1001)).toBe(3);
    });

    it('shipping states obey their own graph', async () => {
      f = await createTransitionFixture(dialect, 'enforce');
      expect((await f.cli(['transitions', 'allow', '1', '2', '--type', 'shipping_state'])).code).toBe(0);
      expect((await f.cli(['orders', 'set-shipping-status', '1001', '1'])).code).toBe(0); // a first state is always allowed
      const jump = await f.cli(['orders', 'set-shipping-status', '1001', 'Consegnato']);
      expect(jump.code).toBe(2);
      expect(jump.stderr).toMatch(/error\[INVALID_TRANSITION\]: order 1001: 1 \(In attesa di ritiro\) → 4 \(Consegnato\)/);
      expect((await f.cli(['orders', 'set-shipping-status', '1001', '2'])).code).toBe(0);
    });
  });
}
