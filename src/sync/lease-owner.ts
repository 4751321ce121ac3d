import { hostname } from 'node:os';
import type { SyncDeps } from './sync-deps.js';

/** `host:pid:random`, as app.processId names a process in leases. */
export function parseLeaseOwner(owner: string): { host: string; pid: number } | null {
  const match = /^(.*):(\d+):[^:]*$/.exec(owner);
  if (!match) return null;
  return { host: match[1]!, pid: Number(match[2]) };
}

/** A process of this host that no longer exists (signal 0 probes without signalling). */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Owners of running jobs that are processes of this host which are gone (kill -9, crash). */
export function deadLocalOwners(owners: readonly string[], host = hostname()): string[] {
  return owners.filter((owner) => {
    const parsed = parseLeaseOwner(owner);
    return parsed !== null && parsed.host === host && parsed.pid !== process.pid && processIsGone(parsed.pid);
  });
}

/**
 * Jobs held by a dead process of this host are taken over at once rather than after their lease:
 * their lease is ended now, and the claim takes them like any expired job (reading the order
 * first when a POST may have left). Other hosts' owners are left to their heartbeat lease.
 */
export async function expireLeasesOfDeadOwners(app: SyncDeps): Promise<number> {
  const now = app.clock.now();
  const rows = await app.db.selectFrom('sync_jobs').select('lease_owner').distinct()
    .where('status', '=', 'running').where('lease_until', '>=', now).execute();
  const dead = deadLocalOwners(rows.map((r) => r.lease_owner).filter((o): o is string => o !== null));
  if (dead.length === 0) return 0;
  const result = await app.db.updateTable('sync_jobs').set({ lease_until: now - 1, updated_at: now })
    .where('status', '=', 'running').where('lease_owner', 'in', dead).executeTakeFirst();
  const count = Number(result.numUpdatedRows);
  if (count > 0) app.logger.info(`took over ${count} sync job(s) of ${dead.join(', ')}: the process is gone`);
  return count;
}
