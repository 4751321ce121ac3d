import type { Migration } from 'kysely';
import * as initialSchema from './0001-initial-schema.js';
import * as seedReferenceData from './0002-seed-reference-data.js';
import * as syncJobLeaseToken from './0003-sync-job-lease-token.js';
import * as storeContextAndCountries from './0004-store-context-and-countries.js';
import * as stateTransitions from './0006-state-transitions.js';
import * as platformCodesAndStoreSettings from './0008-platform-codes-and-store-settings.js';
import * as inboundEvents from './0010-inbound-events.js';
import * as platformIdsBigint from './0011-platform-ids-bigint.js';

/** Every migration in order; names are stored in the database and must never change. */
export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-seed-reference-data': seedReferenceData,
  '0003-sync-job-lease-token': syncJobLeaseToken,
  '0004-store-context-and-countries': storeContextAndCountries,
  '0006-state-transitions': stateTransitions,
  '0008-platform-codes-and-store-settings': platformCodesAndStoreSettings,
  '0010-inbound-events': inboundEvents,
  '0011-platform-ids-bigint': platformIdsBigint,
};
