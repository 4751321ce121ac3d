import type { StateRef, TransitionViolation } from './transition-types.js';

/** The permitted steps of one state type: from -> the set of next states. Pure. */
export interface TransitionGraph {
  next: Map<number, Set<number>>;
  /** A type with no rules at all is unrestricted: turning enforce on for order states leaves shipping alone. */
  empty: boolean;
}

export function buildGraph(rules: ReadonlyArray<{ id_state_from: number; id_state_to: number }>): TransitionGraph {
  const next = new Map<number, Set<number>>();
  for (const rule of rules) {
    const targets = next.get(rule.id_state_from);
    if (targets) targets.add(rule.id_state_to);
    else next.set(rule.id_state_from, new Set([rule.id_state_to]));
  }
  return { next, empty: rules.length === 0 };
}

export function allowedNext(graph: TransitionGraph, from: number | null, names: ReadonlyMap<number, string>): StateRef[] {
  if (from === null) return [];
  return [...(graph.next.get(from) ?? [])].sort((a, b) => a - b).map((id) => ({ id, name: names.get(id) ?? '' }));
}

const label = (id: number, names: ReadonlyMap<number, string>) => `${id} (${names.get(id) ?? 'unknown'})`;

/**
 * The graph's verdict on from -> to, or null when allowed. A first state (no shipment yet: from
 * null) and an unrestricted type are always allowed.
 */
export function checkGraph(graph: TransitionGraph, from: number | null, to: number, names: ReadonlyMap<number, string>): TransitionViolation | null {
  if (graph.empty || from === null || from === to) return null;
  if (graph.next.get(from)?.has(to) === true) return null;
  const next = allowedNext(graph, from, names);
  const allowed = next.length === 0 ? 'none (it is a final state)' : next.map((s) => label(s.id, names)).join(', ');
  return {
    rule: 'transition',
    message: `${label(from, names)} → ${label(to, names)} is not an allowed transition; allowed from ${label(from, names)}: ${allowed}`,
  };
}
