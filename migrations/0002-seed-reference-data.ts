import type { Kysely } from 'kysely';
import { syncIdSequence } from '../src/db/schema-helpers.js';

/**
 * Reference rows a fresh back office starts with: platforms, the default local order and
 * shipping states, languages and a few countries. Ids are explicit so that the README's
 * examples (state 3 = "In preparazione", 4 = "Spedito") hold on every database.
 */
export const DEFAULT_ORDER_STATES = [
  [1, 'In attesa di pagamento'],
  [2, 'Pagamento accettato'],
  [3, 'In preparazione'],
  [4, 'Spedito'],
  [5, 'Consegnato'],
  [6, 'Annullato'],
  [7, 'Rimborsato'],
  [8, 'Errore di pagamento'],
] as const;

export const DEFAULT_SHIPPING_STATES = [
  [1, 'In attesa di ritiro'],
  [2, 'In transito'],
  [3, 'In consegna'],
  [4, 'Consegnato'],
  [5, 'In giacenza'],
  [6, 'Reso al mittente'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not follow the current row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('platforms').values([
    { id_platform: 1, name: 'PrestaShop', is_default: 1 },
    { id_platform: 2, name: 'Shopify', is_default: 0 },
    { id_platform: 3, name: 'WooCommerce', is_default: 0 },
  ]).execute();
  await db.insertInto('order_states').values(DEFAULT_ORDER_STATES.map(([id, name]) => ({ id_order_state: id, name }))).execute();
  await db.insertInto('shipping_state').values(DEFAULT_SHIPPING_STATES.map(([id, name]) => ({ id_shipping_state: id, name }))).execute();
  await db.insertInto('languages').values([
    { id_lang: 1, name: 'Italiano', iso_code: 'it' },
    { id_lang: 2, name: 'English', iso_code: 'en' },
  ]).execute();
  await db.insertInto('countries').values([
    { id_country: 1, name: 'Italia', iso_code: 'IT' },
    { id_country: 2, name: 'San Marino', iso_code: 'SM' },
    { id_country: 3, name: 'Svizzera', iso_code: 'CH' },
    { id_country: 4, name: 'Francia', iso_code: 'FR' },
    { id_country: 5, name: 'Germania', iso_code: 'DE' },
    { id_country: 6, name: 'Spagna', iso_code: 'ES' },
  ]).execute();
  for (const [table, id] of [['platforms', 'id_platform'], ['order_states', 'id_order_state'], ['shipping_state', 'id_shipping_state'], ['languages', 'id_lang'], ['countries', 'id_country']] as const) {
    await syncIdSequence(db, table, id);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['countries', 'languages', 'shipping_state', 'order_states', 'platforms']) {
    await db.deleteFrom(table).execute();
  }
}
