import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app-types.js';
import { enqueueForChanges, preloadTargets, type ChangeToSync, type EnqueueOptions } from '../../../src/sync/enqueue-for-change.js';
import { testDialects } from '../../helpers/test-database.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { addTrigger, seedSyncData } from './sync-fixtures.js';

const jobs = (app: App) => app.db.selectFrom('sync_jobs').select(['id_sync_job', 'id_order', 'status', 'id_platform_state', 'send_email']).orderBy('id_sync_job').execute();

// The one place sync jobs are created: its rules, on every dialect (ids without RETURNING on MySQL).
describe.each(testDialects())('the sync port (enqueueForChanges) on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => { await t?.cleanup(); });

  async function setup() {
    t = await createTestApp({ dialect, sandbox: { orders: 5 } });
    await seedSyncData(t.app, t.sandbox!, t.storeId!, { orders: 4 });
    await addTrigger(t.app, t.storeId!, 3, 3);
    await addTrigger(t.app, t.storeId!, 4, 4, { sendEmail: 0 });
    await t.app.db.updateTable('stores').set({ send_email: 1 }).execute();
    return t.app;
  }
  const change = (id: number, localStateId: number, origin: number | null = id - 1000): ChangeToSync => ({
    order: { id_order: id, id_store: t.storeId, id_origin: origin }, kind: 'order', localStateId,
  });
  const run = (app: App, changes: ChangeToSync[], options: Partial<EnqueueOptions> = {}) => app.db.transaction().execute((trx) => enqueueForChanges(trx, changes, {
    config: app.config, now: app.clock.now(), push: true, ...options,
  }));

  it('a job per change a trigger maps, each id matched to its order; send_email by trigger ?? store ?? config', async () => {
    const app = await setup();
    const result = await run(app, [change(1001, 3), change(1002, 4), change(1003, 2), change(1004, 3, null)], { targets: await preloadTargets(app.db, 'order') });
    expect(result.changes.map((c) => c.outcome)).toEqual(['queued', 'queued', 'no-trigger', 'not-linked']);
    const rows = await jobs(app);
    expect(rows.map((r) => [r.id_order, r.id_platform_state, Number(r.send_email)])).toEqual([[1001, 3, 1], [1002, 4, 0]]);
    expect(result.jobIds).toEqual(rows.map((r) => r.id_sync_job));
    expect(result.changes.slice(0, 2).map((c) => (c.outcome === 'queued' ? c.id_sync_job : null))).toEqual(result.jobIds);
  });

  it('latest wins: a later change of the order supersedes its open job, with a trigger, without one, or without a push', async () => {
    const app = await setup();
    await run(app, [change(1001, 3), change(1002, 3), change(1003, 3)]);
    const later = await run(app, [change(1001, 4), change(1002, 2)]);
    expect(later.changes.map((c) => c.outcome)).toEqual(['queued', 'no-trigger']);
    const off = await run(app, [change(1003, 4)], { push: false });
    expect(off).toEqual({ changes: [{ outcome: 'not-pushed' }], jobIds: [] });
    expect((await jobs(app)).map((r) => [r.id_order, r.status])).toEqual([[1001, 'superseded'], [1002, 'superseded'], [1003, 'superseded'], [1001, 'pending']]);
  });

  it("an event's rules: already there gets nothing, an open job is reused, nothing superseded without a new job", async () => {
    const app = await setup();
    const first = await run(app, [change(1001, 3)]);
    const target = first.changes[0]!.outcome === 'queued' ? first.changes[0]!.target : undefined;
    const again = await run(app, [change(1001, 3), change(1002, 2)], { rules: 'event' });
    expect(again.changes.map((c) => c.outcome)).toEqual(['reused', 'no-trigger']);
    expect(again.jobIds).toEqual(first.jobIds);
    const there = await run(app, [{ ...change(1003, 3), order: { ...change(1003, 3).order, id_ecommerce_state: target!.id_ecommerce_order_state } }], { rules: 'event' });
    expect(there.changes.map((c) => c.outcome)).toEqual(['already-there']);
    expect((await jobs(app)).map((r) => [r.id_order, r.status])).toEqual([[1001, 'pending']]);
  });
});
