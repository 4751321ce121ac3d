import type { Scenario } from '../bench-types.js';
import { bulkLocalScenario } from './bulk-local-scenario.js';

/** Every scenario, in the order of the results table. */
export function allScenarios(): Scenario[] {
  return [bulkLocalScenario];
}
