import { isAlias, isCollection, isMap, isPair, isScalar, visit, type Document, type Node } from 'yaml';

/** Above this, expanding `*alias` references is treated as a resource-exhaustion attempt. */
const MAX_ALIAS_COUNT = 100;

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function pathOf(ancestors: readonly unknown[]): string {
  const keys: string[] = [];
  for (const node of ancestors) if (isPair(node)) keys.push(keyName(node.key));
  return keys.join('.') || '(top level)';
}

/** The deepest key whose value alone cannot be expanded within the alias limit. */
function explodingKey(document: Document, node: unknown, at: string): string | null {
  if (!isMap(node)) return null;
  for (const pair of node.items) {
    const value = pair.value as Node | null;
    if (value === null || !isCollection(value) && !isAlias(value)) continue;
    const child = at === '' ? keyName(pair.key) : `${at}.${keyName(pair.key)}`;
    try {
      value.toJS(document, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return explodingKey(document, value, child) ?? child;
    }
  }
  return null;
}

/**
 * The configuration as plain data, or the problems that keep it from being one: an alias inside
 * its own anchor (`a: &a [*a]`, a cycle that would never end), an alias to no anchor, or aliases
 * that expand beyond MAX_ALIAS_COUNT (an "alias bomb"). Each problem names its key.
 */
export function yamlToData(document: Document, file: string): { data: unknown; problems: string[] } {
  const problems: string[] = [];
  visit(document, {
    Alias(_key, alias, ancestors) {
      const source = alias.resolve(document);
      if (source === undefined) problems.push(`${file}: ${pathOf(ancestors)}: alias *${alias.source} refers to no anchor &${alias.source} before it`);
      else if (ancestors.includes(source)) problems.push(`${file}: ${pathOf(ancestors)}: alias *${alias.source} refers to a value that contains it (a cycle)`);
    },
  });
  if (problems.length > 0) return { data: null, problems };
  try {
    return { data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems };
  } catch {
    const key = explodingKey(document, document.contents, '') ?? '(top level)';
    return { data: null, problems: [`${file}: ${key}: its aliases expand to more than ${MAX_ALIAS_COUNT} copies; write the values out instead of nesting aliases`] };
  }
}
