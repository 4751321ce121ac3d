import type { Scenario } from '../bench-types.js';
import { bulkLocalScenario } from './bulk-local-scenario.js';
import { bulkTriggersScenario } from './bulk-triggers-scenario.js';
import { cliStartupScenario } from './cli-startup-scenario.js';
import { daemonIdleScenario } from './daemon-idle-scenario.js';
import { daemonSoakScenario } from './daemon-soak-scenario.js';
import { httpApiScenario } from './http-api-scenario.js';
import { pageQueriesScenario } from './page-queries-scenario.js';
import { pullRequestsScenario } from './pull-requests-scenario.js';
import { shopifyBulkScenario } from './shopify-bulk-scenario.js';
import { webhookIngestScenario } from './webhook-ingest-scenario.js';
import { wooCommerceRequestsScenario } from './woocommerce-requests-scenario.js';

/** Every scenario, in the order of the results table. */
export function allScenarios(): Scenario[] {
  return [bulkLocalScenario, bulkTriggersScenario, httpApiScenario, webhookIngestScenario, pageQueriesScenario, pullRequestsScenario, shopifyBulkScenario, wooCommerceRequestsScenario, cliStartupScenario, daemonIdleScenario, daemonSoakScenario];
}
