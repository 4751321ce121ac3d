import { parseDocument } from 'yaml';
import { UsageError } from '../errors.js';
import { findState } from './find-state.js';
import type { StoredTransition } from './transition-repository.js';
import { STATE_TYPES, type StateRef, type StateType } from './transition-types.js';

export type StatesByType = Record<StateType, readonly StateRef[]>;

const HEADER = [
  'ecom-sync state transitions: each state with the states that may follow it (an empty list: a final state).',
  'States by id or exact name. Load with `ecom-sync transitions import FILE`; write with `ecom-sync transitions export`.',
].join('\n');

/** A name when it is unique among the type's states (readable in review), else the id. */
function labelOf(states: readonly StateRef[], id: number): string | number {
  const state = states.find((s) => s.id === id);
  if (!state) return id;
  const unique = states.filter((s) => s.name === state.name).length === 1 && !/^\d+$/.test(state.name.trim());
  return unique ? state.name : id;
}

/** Plain when safe in a YAML flow list, else double-quoted (JSON strings are valid YAML). */
function scalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return /^[\p{L}\p{N}][\p{L}\p{N} ._'()/-]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

/** The rules as YAML, one line per state; every state of a type with rules is listed, so final states show as []. Pure. */
export function renderTransitionsYaml(rules: readonly StoredTransition[], states: StatesByType): string {
  const lines = HEADER.split('\n').map((l) => `# ${l}`);
  for (const type of STATE_TYPES) {
    const ofType = rules.filter((r) => r.state_type === type);
    if (ofType.length === 0) continue;
    lines.push(`${type}:`);
    for (const state of states[type]) {
      const next = ofType.filter((r) => r.id_state_from === state.id).map((r) => scalar(labelOf(states[type], r.id_state_to)));
      lines.push(`  ${scalar(labelOf(states[type], state.id))}: [${next.join(', ')}]`);
    }
  }
  if (lines.length === HEADER.split('\n').length) lines.push('{}');
  return `${lines.join('\n')}\n`;
}

/**
 * Parses and checks a transitions file against the local states; every problem is reported at
 * once, nothing is half-read. Returns the rules per state type present in the file.
 */
export function parseTransitionsYaml(text: string, states: StatesByType, source: string): Map<StateType, StoredTransition[]> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new UsageError('INVALID_FILE', `${source} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  const problems: string[] = [];
  const out = new Map<StateType, StoredTransition[]>();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError('INVALID_FILE', `${source}: expected a mapping with order_state and/or shipping_state`);
  }
  for (const [type, section] of Object.entries(data as Record<string, unknown>)) {
    if (!(STATE_TYPES as readonly string[]).includes(type)) {
      problems.push(`${type}: unknown key (expected order_state or shipping_state)`);
      continue;
    }
    const stateType = type as StateType;
    const rules: StoredTransition[] = [];
    if (section === null || typeof section !== 'object' || Array.isArray(section)) {
      problems.push(`${type}: expected a mapping of state -> list of next states`);
      continue;
    }
    for (const [fromText, targets] of Object.entries(section as Record<string, unknown>)) {
      const from = findState(states[stateType], fromText);
      if (!from) problems.push(`${type}.${fromText}: no such ${type.replace('_', ' ')}`);
      const list = targets === null ? [] : targets;
      if (!Array.isArray(list)) {
        problems.push(`${type}.${fromText}: expected a list of next states, got ${typeof list}`);
        continue;
      }
      for (const toText of list) {
        const to = findState(states[stateType], toText);
        if (!to) problems.push(`${type}.${fromText}: next state ${JSON.stringify(toText)} does not exist`);
        else if (from) rules.push({ state_type: stateType, id_state_from: from.id, id_state_to: to.id });
      }
    }
    out.set(stateType, rules);
  }
  if (problems.length > 0) {
    const known = STATE_TYPES.map((t) => `${t}: ${states[t].map((s) => `${s.id} ${s.name}`).join(', ')}`).join('; ');
    throw new UsageError('INVALID_FILE', `${source}: ${problems.length} problem(s): ${problems.join('; ')}`, { hint: `Nothing was changed. Known states — ${known}.`, details: { problems } });
  }
  return out;
}
