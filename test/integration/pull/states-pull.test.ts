import { afterEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/db/dialect.js';
import { readSetting, STATES_VERSION } from '../../../src/db/app-settings.js';
import { pullStates } from '../../../src/pull/states-pull.js';
import { startSandbox, type Sandbox } from '../../../src/platforms/sandbox/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialects } from '../../helpers/test-database.js';

let current: TestApp | undefined;
const extraSandboxes: Sandbox[] = [];
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
  for (const sandbox of extraSandboxes.splice(0)) await sandbox.close();
});

async function setup(dialect: DialectName, format: 'xml' | 'json' = 'xml') {
  current = await createTestApp({ dialect, sandbox: { orders: 5, seed: 3 } });
  await current.app.db.updateTable('stores').set({ format }).where('id_store', '=', current.storeId!).execute();
  return current;
}

async function storedStates(t: TestApp, storeId = t.storeId!) {
  return t.app.db.selectFrom('ecommerce_order_states').selectAll().where('id_store', '=', storeId).orderBy('id_platform_state').execute();
}

for (const dialect of testDialects()) {
  describe(`pullStates on ${dialect}`, () => {
    for (const format of ['xml', 'json'] as const) {
      it(`stores unsorted, multilingual, partly deleted states by (store, platform id) with one request (${format})`, async () => {
        const t = await setup(dialect, format);
        const shop = t.sandbox!.shop;
        // The seeded shop lists 2..14,1 (unsorted), has Italian (1) and English (2) names, and state 14 deleted.
        expect([...shop.orderStates.keys()][0]).not.toBe(1);
        const versionBefore = await readSetting(t.app.db, STATES_VERSION);
        const mark = t.sandbox!.requests.length;

        const report = await pullStates(t.app);

        const stateRequests = t.sandbox!.requests.slice(mark).filter((r) => r.path === '/api/order_states');
        expect(stateRequests).toHaveLength(1);
        expect(stateRequests[0]!.query).toContain('display=full');
        expect(report.ok).toBe(true);
        expect(report.stores).toHaveLength(1);
        const store = report.stores[0]!;
        expect(store).toMatchObject({ id_store: t.storeId, store: 'sandbox', ok: true, id_lang: 1, created: shop.orderStates.size, updated: 0, unchanged: 0, flagged: 0 });

        const rows = await storedStates(t);
        const expected = [...shop.orderStates.values()].sort((a, b) => a.id - b.id);
        expect(rows.map((r) => r.id_platform_state)).toEqual(expected.map((s) => s.id));
        expect(rows.map((r) => r.name)).toEqual(expected.map((s) => s.name[1]));
        expect(rows.map((r) => Number(r.is_deleted))).toEqual(expected.map((s) => (s.deleted ? 1 : 0)));
        expect(rows.map((r) => Number(r.send_email))).toEqual(expected.map((s) => (s.send_email ? 1 : 0)));
        expect(rows.every((r) => r.platform_name === 'PrestaShop' && Number(r.is_missing) === 0)).toBe(true);
        expect(rows.filter((r) => Number(r.is_deleted) === 1).map((r) => r.id_platform_state)).toEqual(expected.filter((s) => s.deleted).map((s) => s.id));
        expect(store.deleted_total).toBe(expected.filter((s) => s.deleted).length);
        // The init cache is told that the catalogue changed.
        expect(await readSetting(t.app.db, STATES_VERSION)).not.toBe(versionBefore);
      });
    }

    it('reads names in the store language, or the shop default language when none is set', async () => {
      const t = await setup(dialect, 'json');
      const shop = t.sandbox!.shop;
      await t.app.db.updateTable('stores').set({ id_lang: 1 }).where('id_store', '=', t.storeId!).execute();
      await pullStates(t.app);
      const italian = await storedStates(t);
      expect(italian.map((r) => r.name)).toEqual(italian.map((r) => shop.orderStates.get(r.id_platform_state)!.name[1]));

      // No language on the store: the shop's PS_LANG_DEFAULT (here English, 2) decides.
      shop.setConfiguration('PS_LANG_DEFAULT', '2');
      await t.app.db.updateTable('stores').set({ id_lang: null }).where('id_store', '=', t.storeId!).execute();
      const report = await pullStates(t.app);
      expect(report.stores[0]!.id_lang).toBe(2);
      expect(report.stores[0]!.updated).toBe(italian.filter((r) => r.name !== shop.orderStates.get(r.id_platform_state)!.name[2]).length);
      expect(report.stores[0]!.updated).toBeGreaterThan(5);
      const english = await storedStates(t);
      expect(english.find((r) => r.id_platform_state === 4)!.name).toBe('Shipped');
      expect(english.map((r) => r.name)).toEqual(english.map((r) => shop.orderStates.get(r.id_platform_state)!.name[2]));
    });

    it('a second pull reports everything unchanged and writes nothing; a rename, a deletion and a vanished state are applied', async () => {
      const t = await setup(dialect);
      const shop = t.sandbox!.shop;
      await pullStates(t.app);
      const version = await readSetting(t.app.db, STATES_VERSION);
      const before = await storedStates(t);

      const again = await pullStates(t.app);
      expect(again.stores[0]).toMatchObject({ ok: true, created: 0, updated: 0, flagged: 0, unchanged: shop.orderStates.size });
      expect(await storedStates(t)).toEqual(before);
      expect(await readSetting(t.app.db, STATES_VERSION)).toBe(version);

      shop.renameState(3, 1, '03 - In lavorazione');
      shop.deleteState(6);
      shop.orderStates.delete(8);
      const third = await pullStates(t.app);
      expect(third.stores[0]).toMatchObject({ created: 0, updated: 1, flagged: 2, unchanged: shop.orderStates.size + 1 - 2 - 1 });
      const after = await storedStates(t);
      const byId = new Map(after.map((r) => [r.id_platform_state, r]));
      expect(byId.get(3)!.name).toBe('03 - In lavorazione');
      expect(Number(byId.get(6)!.is_deleted)).toBe(1);
      expect(Number(byId.get(8)!.is_missing)).toBe(1);
      // Never deleted: the local ids that orders and triggers use stay.
      expect(after.map((r) => r.id_ecommerce_order_state)).toEqual(before.map((r) => r.id_ecommerce_order_state));
      expect(await readSetting(t.app.db, STATES_VERSION)).not.toBe(version);

      // Listed again: no longer missing.
      shop.addState({ id: 8, name: { 1: 'Errore di pagamento', 2: 'Payment error' } });
      const fourth = await pullStates(t.app);
      expect(fourth.stores[0]).toMatchObject({ updated: 1, flagged: 0 });
      expect(Number((await storedStates(t)).find((r) => r.id_platform_state === 8)!.is_missing)).toBe(0);
    });

    it('warns about active triggers that point to a deleted or vanished state, naming them', async () => {
      const t = await setup(dialect);
      await pullStates(t.app);
      const target = (await storedStates(t)).find((r) => r.id_platform_state === 4)!;
      await t.app.db.insertInto('platform_state_triggers').values({
        event_type: 'order_status_changed', id_store: t.storeId!, state_type: 'order_state', id_state_local: 4, id_state_platform: target.id_ecommerce_order_state, is_active: 1,
      }).execute();
      const trigger = await t.app.db.selectFrom('platform_state_triggers').select('id_trigger').executeTakeFirstOrThrow();

      t.sandbox!.shop.deleteState(4);
      const report = await pullStates(t.app);
      expect(report.stores[0]!.warnings).toHaveLength(1);
      expect(report.stores[0]!.warnings[0]).toContain(`trigger #${trigger.id_trigger}`);
      expect(report.stores[0]!.warnings[0]).toContain('deleted on the platform');
      expect(t.log.lines.some((line) => line.startsWith('WARN') && line.includes(`trigger #${trigger.id_trigger}`))).toBe(true);

      // An inactive trigger is not warned about.
      await t.app.db.updateTable('platform_state_triggers').set({ is_active: 0 }).execute();
      expect((await pullStates(t.app)).stores[0]!.warnings).toEqual([]);
    });

    it('reports a failing store (bad key, unreachable) and still pulls the others', async () => {
      const t = await setup(dialect);
      const other = await startSandbox({ orders: 2, seed: 9 });
      extraSandboxes.push(other);
      const down = await startSandbox({ orders: 1 });
      const downUrl = down.url;
      await down.close();
      await t.app.db.insertInto('stores').values([
        { id_platform: 1, name: 'bad-key', base_url: other.url, api_key: 'WRONGKEY000000000000000000000000', format: 'xml' },
        { id_platform: 1, name: 'unreachable', base_url: downUrl, api_key: other.apiKey, format: 'xml' },
        { id_platform: 1, name: 'second', base_url: other.url, api_key: other.apiKey, format: 'json' },
      ]).execute();

      const report = await pullStates(t.app);
      expect(report.ok).toBe(false);
      expect(report.totals.failed).toBe(2);
      const byName = new Map(report.stores.map((s) => [s.store, s]));
      expect(byName.get('bad-key')).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNAUTHORIZED' } });
      expect(byName.get('bad-key')!.error!.message).not.toContain('WRONGKEY');
      expect(byName.get('unreachable')).toMatchObject({ ok: false, error: { code: 'PLATFORM_UNREACHABLE' } });
      expect(byName.get('sandbox')).toMatchObject({ ok: true, created: t.sandbox!.shop.orderStates.size });
      expect(byName.get('second')).toMatchObject({ ok: true, created: other.shop.orderStates.size });
      const badKey = await t.app.db.selectFrom('stores').select('credentials_error').where('name', '=', 'bad-key').executeTakeFirstOrThrow();
      expect(badKey.credentials_error).toContain('401');

      // Only the asked store.
      const one = await pullStates(t.app, { storeId: byName.get('second')!.id_store });
      expect(one.stores.map((s) => s.store)).toEqual(['second']);
      await expect(pullStates(t.app, { storeId: 999 })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    });
  });
}
