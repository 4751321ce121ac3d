import type { Migration } from 'kysely';
import * as initialSchema from './0001-initial-schema.js';
import * as seedReferenceData from './0002-seed-reference-data.js';
import * as storeContextAndCountries from './0004-store-context-and-countries.js';

/** Every migration in order; names are stored in the database and must never change. */
export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-seed-reference-data': seedReferenceData,
  '0004-store-context-and-countries': storeContextAndCountries,
};
