import { testDialects } from '../../helpers/test-database.js';
import { describeDatabaseOutage } from './database-outage-suite.js';

// Runs when ECOM_SYNC_TEST_PG_URL is set: sessions ended by the server are what a PostgreSQL restart,
// failover or idle-timeout proxy does (SQLite has no server to lose).
for (const dialect of testDialects().filter((d) => d === 'postgres')) describeDatabaseOutage(dialect);
