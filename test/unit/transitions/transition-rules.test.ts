import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_STATES, DEFAULT_SHIPPING_STATES } from '../../../migrations/0002-seed-reference-data.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import { validateConfig } from '../../../src/config/validate-config.js';
import { finalRuleFor } from '../../../src/transitions/platform-final-states.js';
import { proposeTransitions } from '../../../src/transitions/propose-transitions.js';
import { parseTransitionsYaml, renderTransitionsYaml } from '../../../src/transitions/transition-file.js';
import { buildGraph, checkGraph } from '../../../src/transitions/transition-graph.js';

const orderStates = DEFAULT_ORDER_STATES.map(([id, name]) => ({ id, name }));
const shippingStates = DEFAULT_SHIPPING_STATES.map(([id, name]) => ({ id, name }));
const names = new Map(orderStates.map((s) => [s.id, s.name]));
const pairsOf = (rules: Array<{ id_state_from: number; id_state_to: number }>) => rules.map((r) => `${r.id_state_from}>${r.id_state_to}`);

describe('transition graph', () => {
  const graph = buildGraph([{ id_state_from: 1, id_state_to: 2 }, { id_state_from: 2, id_state_to: 3 }]);

  it('allows the listed steps, a first state and a type without rules; names the allowed next states otherwise', () => {
    expect(checkGraph(graph, 1, 2, names)).toBeNull();
    expect(checkGraph(graph, null, 3, names)).toBeNull();
    expect(checkGraph(buildGraph([]), 5, 1, names)).toBeNull();
    expect(checkGraph(graph, 1, 4, names)?.message).toBe('1 (In attesa di pagamento) → 4 (Spedito) is not an allowed transition; allowed from 1 (In attesa di pagamento): 2 (Pagamento accettato)');
    expect(checkGraph(graph, 3, 1, names)?.message).toMatch(/allowed from 3 \(In preparazione\): none \(it is a final state\)/);
  });
});

describe('proposed graph for the Italian back office', () => {
  it('order states: forward along the path, cancelled before delivery, refunded after payment, cancelled and refunded final', () => {
    const rules = pairsOf(proposeTransitions('order_state', orderStates));
    expect(rules).toEqual(expect.arrayContaining(['1>2', '2>3', '3>4', '4>5', '1>6', '4>6', '2>7', '5>7', '1>8', '8>1', '8>2', '8>6']));
    expect(rules).not.toContain('5>6'); // a delivered order is refunded, not cancelled
    expect(rules).not.toContain('1>7'); // nothing paid, nothing to refund
    expect(rules.filter((r) => r.startsWith('6>') || r.startsWith('7>'))).toEqual([]);
    expect(rules.filter((r) => r.startsWith('5>'))).toEqual(['5>7']);
  });

  it('shipping states: forward, held and back on the way, returned is final', () => {
    const rules = pairsOf(proposeTransitions('shipping_state', shippingStates));
    expect(rules).toEqual(expect.arrayContaining(['1>2', '2>3', '3>4', '2>5', '3>5', '5>3', '5>4', '5>6', '2>6']));
    expect(rules.filter((r) => r.startsWith('6>') || r.startsWith('4>'))).toEqual([]);
  });
});

describe('platform final states', () => {
  const lists = defaultConfig().transitions.final_platform_states;

  it('Shopify cancelled and WooCommerce refunded are final by default; PrestaShop has none', () => {
    expect(finalRuleFor(lists, 'Shopify', { id_platform_state: 5, name: 'Cancelled' })).toBe('transitions.final_platform_states.shopify: cancelled');
    expect(finalRuleFor(lists, 'Shopify', { id_platform_state: 2, name: 'paid', code: 'paid' })).toBeNull();
    expect(finalRuleFor(lists, 'WooCommerce', { id_platform_state: 7, name: 'Rimborsato', code: 'refunded' })).toBe('transitions.final_platform_states.woocommerce: refunded');
    expect(finalRuleFor(lists, 'PrestaShop', { id_platform_state: 6, name: 'Annullato' })).toBeNull();
    expect(finalRuleFor({ ...lists, prestashop: ['6'] }, 'PrestaShop', { id_platform_state: 6, name: 'Annullato' })).toBe('transitions.final_platform_states.prestashop: 6');
  });

  it('the config validates mode and the lists', () => {
    expect(validateConfig({ transitions: { mode: 'enforce', final_platform_states: { prestashop: ['Annullato'] } } }, 'f').problems).toEqual([]);
    expect(validateConfig({ transitions: { mode: 'strict', final_platform_states: { prestashop: 'x', magento: [] } } }, 'f').problems).toEqual([
      'transitions.mode: expected one of off, warn, enforce, got "strict"',
      'transitions.final_platform_states.prestashop: expected a list of platform state codes or names, got "x"',
      'transitions.final_platform_states.magento: unknown key',
    ]);
  });
});

describe('transitions YAML', () => {
  const states = { order_state: orderStates, shipping_state: shippingStates };

  it('renders names, one line per state, and reads back the same rules', () => {
    const rules = proposeTransitions('order_state', orderStates).map((r) => ({ state_type: 'order_state' as const, ...r }));
    const yaml = renderTransitionsYaml(rules, states);
    expect(yaml).toContain('  In preparazione: [Spedito, Consegnato, Annullato, Rimborsato]\n');
    expect(yaml).toContain('  Annullato: []\n');
    expect(yaml).not.toContain('shipping_state');
    const parsed = parseTransitionsYaml(yaml, states, 'f.yaml');
    expect([...parsed.keys()]).toEqual(['order_state']);
    expect(parsed.get('order_state')).toEqual(rules);
  });

  it('reports every problem at once', () => {
    const bad = 'order_state:\n  Spedito: [Consegnato, Perso]\n  Smarrito: [1]\n  3: nope\ncolori: {}\n';
    expect(() => parseTransitionsYaml(bad, states, 'bad.yaml')).toThrow('bad.yaml: 4 problem(s): order_state.3: expected a list of next states, got string; order_state.Spedito: next state "Perso" does not exist; order_state.Smarrito: no such order state; colori: unknown key (expected order_state or shipping_state)');
    expect(() => parseTransitionsYaml('order_state: [', states, 'x.yaml')).toThrow(/x.yaml is not valid YAML/);
  });
});

describe('the README example graph', () => {
  it('is a valid transitions file for the default Italian states', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Transition rules'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const parsed = parseTransitionsYaml(yaml, { order_state: orderStates, shipping_state: shippingStates }, 'README');
    expect(parsed.get('order_state')).toHaveLength(15);
    expect(pairsOf(parsed.get('order_state')!).filter((r) => r.startsWith('4>'))).toEqual(['4>5', '4>7']);
    expect(parsed.get('shipping_state')!.length).toBeGreaterThan(0);
  });
});

describe('the example configuration', () => {
  it('reads transitions.mode off as the word, not a YAML 1.1 boolean', async () => {
    const { loadConfig } = await import('../../../src/config/load-config.js');
    const { fileURLToPath } = await import('node:url');
    const example = fileURLToPath(new URL('../../../ecom-sync.config.yaml', import.meta.url));
    const { config } = await loadConfig({ explicitPath: example, env: {}, cwd: fileURLToPath(new URL('.', import.meta.url)) });
    expect(config.transitions).toEqual(defaultConfig().transitions);
  });
});
