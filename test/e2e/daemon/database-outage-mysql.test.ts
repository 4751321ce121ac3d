import { testDialects } from '../../helpers/test-database.js';
import { describeDatabaseOutage } from './database-outage-suite.js';

// Runs when ECOM_SYNC_TEST_MYSQL_URL is set: KILL of the daemon's sessions, then its logins refused.
for (const dialect of testDialects().filter((d) => d === 'mysql')) describeDatabaseOutage(dialect);
