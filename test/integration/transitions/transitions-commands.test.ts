import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH } from '../daemon/daemon-fixture.js';
import { testDialects } from '../../helpers/test-database.js';
import { createTransitionFixture, type TransitionFixture } from './transition-fixture.js';

for (const dialect of testDialects()) {
  describe(`transitions commands and routes (${dialect})`, () => {
    let f: TransitionFixture;
    afterEach(async () => { await f?.cleanup(); });
    const rulesOf = async () => (await f.app.db.selectFrom('order_state_transitions').select(['state_type', 'id_state_from', 'id_state_to'])
      .orderBy('state_type').orderBy('id_state_from').orderBy('id_state_to').execute()).map((r) => `${r.state_type}:${r.id_state_from}>${r.id_state_to}`);

    it('init proposes a graph that is written only once confirmed; it never overwrites rules silently', async () => {
      f = await createTransitionFixture(dialect, 'off', { rules: false });
      const dry = await f.cli(['transitions', 'init', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/Proposed order_state transitions/);
      expect(dry.stdout).toMatch(/3 In preparazione\s*│\s*4 Spedito, 5 Consegnato, 6 Annullato, 7 Rimborsato/);
      expect(dry.stdout).toMatch(/Dry run: nothing was written/);
      const unconfirmed = await f.cli(['transitions', 'init']);
      expect(unconfirmed.stdout).toMatch(/Not written: review the proposal, then run again with --yes/);
      expect(await rulesOf()).toEqual([]);

      const written = await f.cli(['--json', 'transitions', 'init', '--yes']);
      expect(written.code, written.stderr).toBe(0);
      expect(JSON.parse(written.stdout)).toMatchObject({ written: true });
      const stored = await rulesOf();
      expect(stored).toContain('order_state:1>2');
      expect(stored).toContain('shipping_state:5>6');
      const again = await f.cli(['transitions', 'init', '--yes']);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/error\[TRANSITIONS_EXIST\]/);
      expect((await f.cli(['transitions', 'allow', '6', '1'])).code).toBe(0);
      expect((await f.cli(['transitions', 'init', '--type', 'order_state', '--yes', '--replace'])).code).toBe(0);
      expect(await rulesOf()).toEqual(stored);
    });

    it('allow, deny, list and check, with states by id or exact name', async () => {
      f = await createTransitionFixture(dialect, 'warn');
      const allow = await f.cli(['transitions', 'allow', 'Consegnato', 'Rimborsato', '--both-ways']);
      expect(allow.stdout).toBe('Allowed: order_state 5 Consegnato → 7 Rimborsato\nAllowed: order_state 7 Rimborsato → 5 Consegnato\n');
      expect((await f.cli(['transitions', 'allow', '5', '7'])).stdout).toMatch(/Already allowed: order_state 5 Consegnato → 7 Rimborsato/);
      const unknown = await f.cli(['transitions', 'allow', '5', 'Perso']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/error\[INVALID_STATE\]: TO: order state "Perso" does not exist/);
      expect((await f.cli(['transitions', 'deny', '7', '5'])).stdout).toMatch(/No longer allowed: order_state 7 Rimborsato → 5 Consegnato/);
      const missing = await f.cli(['transitions', 'deny', '7', '5']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/error\[TRANSITION_NOT_FOUND\]/);

      const list = await f.cli(['transitions', 'list']);
      expect(list.stdout).toMatch(/transitions.mode: warn/);
      expect(list.stdout).toMatch(/order_state\s*│\s*5 Consegnato\s*│\s*7 Rimborsato/);
      const json = JSON.parse((await f.cli(['--json', 'transitions', 'list', '--type', 'order_state'])).stdout);
      expect(json.transitions.map((t: { id_state_from: number; id_state_to: number }) => `${t.id_state_from}>${t.id_state_to}`)).toEqual(['1>2', '2>3', '3>4', '4>5', '5>7']);
      expect(json.transitions[0]).toEqual({ state_type: 'order_state', id_state_from: 1, from_name: 'In attesa di pagamento', id_state_to: 2, to_name: 'Pagamento accettato' });

      const check = await f.cli(['transitions', 'check', '1001', 'Spedito']);
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/Not allowed: 1 \(In attesa di pagamento\) → 4 \(Spedito\) is not an allowed transition/);
      expect(check.stdout).toMatch(/Allowed next: 2 Pagamento accettato/);
      expect(check.stdout).toMatch(/transitions.mode warn: a change would be applied with a warning/);
      expect(JSON.parse((await f.cli(['--json', 'transitions', 'check', '1001', '2'])).stdout)).toMatchObject({ allowed: true, would: 'apply' });
      expect(await f.stateOf(1001)).toBe(1); // check changes nothing
    });

    it('export and import round trip; a file with a problem changes nothing', async () => {
      f = await createTransitionFixture(dialect, 'off');
      await f.cli(['transitions', 'allow', '2', '3', '--type', 'shipping_state']);
      const before = await rulesOf();
      const exported = await f.cli(['transitions', 'export', '--output', 'transitions.yaml']);
      expect(exported.code, exported.stderr).toBe(0);
      const yaml = await readFile(path.join(f.cwd, 'transitions.yaml'), 'utf8');
      expect(yaml).toContain('order_state:\n  In attesa di pagamento: [Pagamento accettato]\n');
      expect(yaml).toContain('  Spedito: [Consegnato]\n  Consegnato: []\n');
      expect(yaml).toContain('shipping_state:\n');
      expect((await f.cli(['transitions', 'export'])).stdout).toBe(yaml);

      await f.app.db.deleteFrom('order_state_transitions').execute();
      await f.cli(['transitions', 'allow', '6', '1']); // replaced by the import
      const imported = await f.cli(['--json', 'transitions', 'import', 'transitions.yaml']);
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout).imported).toEqual([
        { state_type: 'order_state', removed: 1, added: 4, total: 4 },
        { state_type: 'shipping_state', removed: 0, added: 1, total: 1 },
      ]);
      expect(await rulesOf()).toEqual(before);

      await writeFile(path.join(f.cwd, 'bad.yaml'), 'order_state:\n  Spedito: [Consegnato, Perso]\n');
      const bad = await f.cli(['transitions', 'import', 'bad.yaml']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/error\[INVALID_FILE\]: bad.yaml: 1 problem\(s\): order_state.Spedito: next state "Perso" does not exist/);
      expect(await rulesOf()).toEqual(before);
      await writeFile(path.join(f.cwd, 'more.yaml'), 'order_state:\n  Spedito: [Rimborsato]\n');
      expect((await f.cli(['transitions', 'import', 'more.yaml', '--merge'])).code).toBe(0);
      expect(await rulesOf()).toEqual([...before.slice(0, 4), 'order_state:4>7', ...before.slice(4)].sort());
    });

    it('REST: GET, POST and DELETE /api/v1/transitions, described in /openapi.json', async () => {
      f = await createTransitionFixture(dialect, 'enforce');
      const list = await f.server.inject({ method: 'GET', url: '/api/v1/transitions', headers: AUTH });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ mode: 'enforce', transitions: [{ id_state_from: 1, id_state_to: 2 }, {}, {}, {}] });
      const added = await f.server.inject({ method: 'POST', url: '/api/v1/transitions', headers: AUTH, payload: { from: 'In attesa di pagamento', to: 6, both_ways: false } });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toEqual({ added: [{ state_type: 'order_state', id_state_from: 1, from_name: 'In attesa di pagamento', id_state_to: 6, to_name: 'Annullato' }], already_allowed: [] });
      expect((await f.put(1001, { id_order_state: 6 })).statusCode).toBe(200);
      const shipping = await f.server.inject({ method: 'POST', url: '/api/v1/transitions', headers: AUTH, payload: { state_type: 'shipping_state', from: 1, to: 2 } });
      expect(shipping.statusCode).toBe(201);
      expect((await f.server.inject({ method: 'GET', url: '/api/v1/transitions?state_type=shipping_state', headers: AUTH })).json().transitions).toHaveLength(1);

      const bad = await f.server.inject({ method: 'POST', url: '/api/v1/transitions', headers: AUTH, payload: { from: 1, to: 'Perso' } });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe('INVALID_STATE');
      expect((await f.server.inject({ method: 'POST', url: '/api/v1/transitions', headers: AUTH, payload: { from: 1 } })).statusCode).toBe(400);

      const removed = await f.server.inject({ method: 'DELETE', url: `/api/v1/transitions?from=${encodeURIComponent('Pagamento accettato')}&to=3`, headers: AUTH });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json().removed).toEqual([expect.objectContaining({ id_state_from: 2, id_state_to: 3 })]);
      expect((await f.server.inject({ method: 'DELETE', url: '/api/v1/transitions?from=2&to=3', headers: AUTH })).statusCode).toBe(404);
      expect((await f.server.inject({ method: 'GET', url: '/api/v1/transitions' })).statusCode).toBe(401);

      const openapi = (await f.server.inject({ method: 'GET', url: '/openapi.json', headers: AUTH })).json();
      expect(Object.keys(openapi.paths['/api/v1/transitions'])).toEqual(['get', 'post', 'delete']);
      expect(openapi.paths['/api/v1/orders/{id}/status'].put.responses['409']).toBeDefined();
      expect(openapi.paths['/api/v1/orders/{id}/status'].put.requestBody.content['application/json'].schema.properties).toHaveProperty('reason');
    });
  });
}

describe('transitions --help', () => {
  it('every transitions command and the override flags have help with examples', async () => {
    const { runCli } = await import('../../helpers/run-cli.js');
    for (const command of ['init', 'list', 'allow', 'deny', 'check', 'import', 'export']) {
      const help = await runCli(['transitions', command, '--help'], { cwd: process.cwd() });
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/Examples:\n {2}\$ ecom-sync transitions /);
    }
    for (const command of ['set-status', 'set-shipping-status', 'bulk']) {
      const help = await runCli(['orders', command, '--help'], { cwd: process.cwd() });
      expect(help.stdout, command).toMatch(/--force[\s\S]*--reason <text>/);
    }
  });
});
