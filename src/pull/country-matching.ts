import type { Kysely } from 'kysely';
import type { Database } from '../db/database-types.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { PlatformCountry } from '../platforms/platform.js';

/**
 * Platform country id -> local countries.id_country, matched by ISO code (a shop numbers its
 * countries its own way: 10 = Italy, 21 = United States on a stock PrestaShop). A country missing
 * locally is added with the platform's name. Two pulls adding the same country at once are fine:
 * iso_code is unique, the loser reads the winner's row.
 */
export async function localCountryIds(db: Kysely<Database>, countries: readonly PlatformCountry[]): Promise<Map<number, number>> {
  const byIso = new Map<string, PlatformCountry>();
  for (const country of countries) if (/^[A-Z]{2,3}$/.test(country.isoCode)) byIso.set(country.isoCode, country);
  const result = new Map<number, number>();
  if (byIso.size === 0) return result;
  const read = async () => new Map((await db.selectFrom('countries').select(['id_country', 'iso_code']).where('iso_code', 'in', [...byIso.keys()]).execute())
    .map((row) => [row.iso_code.toUpperCase(), row.id_country]));
  let local = await read();
  const missing = [...byIso.values()].filter((country) => !local.has(country.isoCode));
  if (missing.length > 0) {
    try {
      await db.insertInto('countries').values(missing.map((country) => ({ iso_code: country.isoCode, name: (country.name.trim() || country.isoCode).slice(0, 100) }))).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      for (const country of missing) {
        await db.insertInto('countries').values({ iso_code: country.isoCode, name: (country.name.trim() || country.isoCode).slice(0, 100) }).execute().catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
        });
      }
    }
    local = await read();
  }
  for (const country of countries) {
    const id = local.get(country.isoCode);
    if (id !== undefined) result.set(country.id, id);
  }
  return result;
}
