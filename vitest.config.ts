import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Test files that only make sense on a server database run when its URL is given (see README);
// the other integration files run on SQLite always and on each server database given.
const pg = Boolean(process.env.ECOM_SYNC_TEST_PG_URL);
const mysql = Boolean(process.env.ECOM_SYNC_TEST_MYSQL_URL);
const serverOnly = [
  ...(pg ? [] : ['test/e2e/scale/two-daemons-jobs-postgres.test.ts', 'test/e2e/daemon/database-outage-postgres.test.ts']),
  ...(mysql ? [] : ['test/e2e/scale/two-daemons-jobs-mysql.test.ts', 'test/e2e/daemon/database-outage-mysql.test.ts']),
  ...(pg || mysql ? [] : ['test/integration/scale/concurrent-claims.test.ts']),
];
const missing = [...(pg ? [] : [['PostgreSQL', 'ECOM_SYNC_TEST_PG_URL=postgres://…']]), ...(mysql ? [] : [['MariaDB', 'ECOM_SYNC_TEST_MYSQL_URL=mysql://…']])];
// One line, once (the config is read again in each worker, where VITEST_POOL_ID is set).
const mainProcess = process.env.VITEST_POOL_ID === undefined && process.env.VITEST_WORKER_ID === undefined;
if (missing.length > 0 && mainProcess) {
  console.info(`No ${missing.map(([name]) => name).join(' or ')} runs, ${serverOnly.length} server-only test files skipped: set ${missing.map(([, variable]) => variable).join(' and ')} to enable them (README "Development").`);
}
// The dashboard's browser tests need Debian's Chromium (CI installs it: .ci/run).
const hasChromium = existsSync('/usr/bin/chromium');
if (!hasChromium && mainProcess) console.warn('note: /usr/bin/chromium is missing, the admin dashboard browser tests (test/e2e/admin) are skipped: apt-get install -y chromium');
const browserOnly = hasChromium ? [] : ['test/e2e/admin/**'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...serverOnly, ...browserOnly],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests open real SQLite files and HTTP servers; two workers match the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
