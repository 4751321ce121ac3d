import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';

export interface LeaderLock {
  /** Takes the lock when it is free or expired, renews it when this process holds it. */
  tryAcquire(): Promise<boolean>;
  /** Gives the lock up at once (shutdown), so another daemon need not wait for the lease to expire. */
  release(): Promise<void>;
  /** This process held the lock at its last check and the lease has not run out since. */
  isHeld(): boolean;
}

export interface LeaderLockOptions {
  name: string;
  owner: string;
  leaseMs: number;
  now: () => number;
}

/**
 * One leader per database for the periodic pulls, portable to SQLite, PostgreSQL and MariaDB: a
 * conditional UPDATE takes an expired lease or renews our own; when the row does not exist yet, an
 * INSERT creates it and the primary key settles a race between two newcomers.
 */
export function createLeaderLock(db: Kysely<Database>, options: LeaderLockOptions): LeaderLock {
  let heldUntil = 0;
  const { name, owner, leaseMs, now } = options;

  async function tryAcquire(): Promise<boolean> {
    const at = now();
    const until = at + leaseMs;
    const updated = await db.updateTable('app_locks')
      .set({ owner, lease_until: until })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('lease_until', '<', at), eb('owner', '=', owner)]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) {
      heldUntil = until;
      return true;
    }
    const existing = await db.selectFrom('app_locks').select(['owner', 'lease_until']).where('name', '=', name).executeTakeFirst();
    if (existing) {
      // MySQL counts only changed rows: a renewal within the same millisecond reports 0.
      if (existing.owner === owner && Number(existing.lease_until) >= at) {
        heldUntil = Number(existing.lease_until);
        return true;
      }
      heldUntil = 0;
      return false;
    }
    try {
      await db.insertInto('app_locks').values({ name, owner, lease_until: until }).execute();
      heldUntil = until;
      return true;
    } catch {
      // Another process inserted the row between our SELECT and INSERT: it leads.
      heldUntil = 0;
      return false;
    }
  }

  return {
    tryAcquire,
    async release() {
      heldUntil = 0;
      await db.deleteFrom('app_locks').where('name', '=', name).where('owner', '=', owner).execute();
    },
    isHeld: () => now() < heldUntil,
  };
}
