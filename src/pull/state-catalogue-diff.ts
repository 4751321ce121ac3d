import type { PlatformState } from '../platforms/platform.js';

/** The columns of an ecommerce_order_states row a pull compares and writes. */
export interface StoredState {
  id_ecommerce_order_state: number;
  id_platform_state: number;
  name: string;
  platform_name: string;
  is_deleted: number;
  is_missing: number;
  send_email: number;
}

export interface StateValues {
  name: string;
  platform_name: string;
  is_deleted: number;
  is_missing: number;
  send_email: number;
}

export interface StateCatalogueDiff {
  create: Array<StateValues & { id_platform_state: number }>;
  /** Rows whose values changed without becoming flagged (renamed, e-mail flag, back from missing or deleted). */
  update: Array<{ row: StoredState; values: StateValues }>;
  /** Rows that became deleted or missing with this pull (their other changes are applied too). */
  flag: Array<{ row: StoredState; values: StateValues }>;
  unchanged: StoredState[];
}

/** The name column is VARCHAR(200); PrestaShop allows 64, but a module may store more. */
export const STATE_NAME_MAX = 200;

function sameValues(row: StoredState, values: StateValues): boolean {
  return row.name === values.name
    && row.platform_name === values.platform_name
    && Number(row.is_deleted) === values.is_deleted
    && Number(row.is_missing) === values.is_missing
    && Number(row.send_email) === values.send_email;
}

/**
 * What a pull changes in one store's catalogue. States are never dropped: triggers and orders
 * reference them, so a state the platform deleted (`deleted=1`) or no longer lists is flagged.
 */
export function diffStateCatalogue(stored: readonly StoredState[], pulled: readonly PlatformState[], platformName: string): StateCatalogueDiff {
  const diff: StateCatalogueDiff = { create: [], update: [], flag: [], unchanged: [] };
  const byPlatformId = new Map(stored.map((row) => [row.id_platform_state, row]));
  const seen = new Set<number>();
  for (const state of pulled) {
    if (seen.has(state.id)) continue;
    seen.add(state.id);
    const values: StateValues = {
      name: (state.name.trim() || `#${state.id}`).slice(0, STATE_NAME_MAX),
      platform_name: platformName,
      is_deleted: state.deleted ? 1 : 0,
      is_missing: 0,
      send_email: state.sendEmail ? 1 : 0,
    };
    const row = byPlatformId.get(state.id);
    if (!row) diff.create.push({ ...values, id_platform_state: state.id });
    else if (sameValues(row, values)) diff.unchanged.push(row);
    else if (values.is_deleted === 1 && Number(row.is_deleted) === 0) diff.flag.push({ row, values });
    else diff.update.push({ row, values });
  }
  for (const row of stored) {
    if (seen.has(row.id_platform_state)) continue;
    if (Number(row.is_missing) === 1) {
      diff.unchanged.push(row);
      continue;
    }
    diff.flag.push({ row, values: { name: row.name, platform_name: row.platform_name, is_deleted: Number(row.is_deleted), is_missing: 1, send_email: Number(row.send_email) } });
  }
  return diff;
}
