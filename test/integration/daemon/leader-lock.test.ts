import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeaderLock } from '../../../src/daemon/leader-lock.js';
import { testDialects } from '../../helpers/test-database.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe.each(testDialects())('leader lock on %s', (dialect) => {
  let t: TestApp;
  let now = 1_000_000;
  beforeAll(async () => { t = await createTestApp({ dialect, sandbox: false }); });
  afterAll(async () => { await t.cleanup(); });

  it('one holder at a time; renewed by its owner; taken over after the lease expires; released at once', async () => {
    const options = { name: 'loops', leaseMs: 60_000, now: () => now };
    const a = createLeaderLock(t.app.db, { ...options, owner: 'host-a:1' });
    const b = createLeaderLock(t.app.db, { ...options, owner: 'host-b:2' });
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    now += 30_000;
    expect(await a.tryAcquire()).toBe(true); // renewed until now + 60 s
    now += 45_000;
    expect(await b.tryAcquire()).toBe(false); // a's renewed lease still runs
    expect(a.isHeld()).toBe(true);
    // a dies: nobody renews; once the lease has run out b takes over.
    now += 16_000;
    expect(a.isHeld()).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    const row = await t.app.db.selectFrom('app_locks').selectAll().where('name', '=', 'loops').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner: 'host-b:2', lease_until: now + 60_000 });
    await a.release(); // not the owner: changes nothing
    expect(await a.tryAcquire()).toBe(false);
    await b.release();
    expect(await a.tryAcquire()).toBe(true);
  });

  it('racing newcomers: exactly one wins', async () => {
    const locks = Array.from({ length: 6 }, (_, i) => createLeaderLock(t.app.db, { name: `race-${dialect}`, owner: `p${i}`, leaseMs: 60_000, now: () => now }));
    const results = await Promise.all(locks.map((lock) => lock.tryAcquire()));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
