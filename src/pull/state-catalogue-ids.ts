import type { CatalogueState } from '../platforms/platform-port.js';
import type { PlatformState } from '../platforms/platform.js';

/** A stored catalogue row as far as numbering is concerned. */
export interface NumberedState {
  id_platform_state: number;
  code: string | null;
}

/**
 * The spec's `id_platform_state` for a port catalogue: the platform's own id where it has one
 * (Shopify's fixed 1–5), else the number this store's row with the same code already has, else
 * the store's greatest number plus one. Rows are never deleted (only flagged), so a number once
 * given is never given to another code.
 */
export function numberCatalogue(stored: readonly NumberedState[], catalogue: readonly CatalogueState[]): { states: PlatformState[]; codes: Map<number, string> } {
  const byCode = new Map(stored.filter((row) => row.code !== null).map((row) => [row.code as string, row.id_platform_state]));
  let next = Math.max(0, ...stored.map((row) => row.id_platform_state), ...catalogue.map((state) => state.platformId ?? 0)) + 1;
  const states: PlatformState[] = [];
  const codes = new Map<number, string>();
  for (const state of catalogue) {
    let id = state.platformId ?? byCode.get(state.code);
    if (id === undefined) {
      id = next;
      next += 1;
      byCode.set(state.code, id);
    }
    codes.set(id, state.code);
    states.push({ id, name: state.name, deleted: state.deleted, sendEmail: state.sendsEmail, ...(state.color === undefined ? {} : { color: state.color }) });
  }
  return { states, codes };
}
