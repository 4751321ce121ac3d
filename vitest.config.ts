import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Test files that only make sense on a server database run when its URL is given (see README).
const serverOnly = [
  ...(process.env.ECOM_SYNC_TEST_PG_URL ? [] : ['test/e2e/scale/two-daemons-jobs-postgres.test.ts', 'test/e2e/daemon/database-outage-postgres.test.ts']),
  ...(process.env.ECOM_SYNC_TEST_MYSQL_URL ? [] : ['test/e2e/scale/two-daemons-jobs-mysql.test.ts', 'test/e2e/daemon/database-outage-mysql.test.ts']),
];
// The dashboard's browser tests need Debian's Chromium (CI installs it: .ci/run).
const hasChromium = existsSync('/usr/bin/chromium');
if (!hasChromium) console.warn('note: /usr/bin/chromium is missing, the admin dashboard browser tests (test/e2e/admin) are skipped: apt-get install -y chromium');
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
