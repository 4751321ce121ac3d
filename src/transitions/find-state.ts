import type { StateRef } from './transition-types.js';

/** A state by id (digits) or exact name among `states`, as `orders set-status` takes it; undefined otherwise. Pure. */
export function findState(states: readonly StateRef[], value: unknown): StateRef | undefined {
  const text = String(value ?? '').trim();
  return /^\d+$/.test(text) ? states.find((s) => s.id === Number(text)) : states.find((s) => s.name === text);
}
