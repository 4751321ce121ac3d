import { testDialects } from '../../helpers/test-database.js';
import { describeTwoDaemons } from './two-daemons-suite.js';

// Several daemons on one database is what MySQL/MariaDB is for (SQLite serves one host); runs when
// ECOM_SYNC_TEST_MYSQL_URL is set.
for (const dialect of testDialects().filter((d) => d === 'mysql')) describeTwoDaemons(dialect);
