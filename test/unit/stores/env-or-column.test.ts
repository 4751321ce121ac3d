import { describe, expect, it } from 'vitest';
import { resolveEnvOrColumn, unsetVariableError } from '../../../src/stores/env-or-column.js';

describe('a store secret from its column or the variable it names', () => {
  it('the variable wins when named; unset or empty is reported, never the column instead', () => {
    expect(resolveEnvOrColumn('stored', 'SHOP_KEY', { SHOP_KEY: 'from-env' })).toEqual({ value: 'from-env', unsetVariable: null });
    expect(resolveEnvOrColumn('stored', 'SHOP_KEY', {})).toEqual({ value: null, unsetVariable: 'SHOP_KEY' });
    expect(resolveEnvOrColumn('stored', 'SHOP_KEY', { SHOP_KEY: '' })).toEqual({ value: null, unsetVariable: 'SHOP_KEY' });
    expect(resolveEnvOrColumn('stored', null, { SHOP_KEY: 'x' })).toEqual({ value: 'stored', unsetVariable: null });
    expect(resolveEnvOrColumn('', null, {})).toEqual({ value: null, unsetVariable: null });
  });

  it('names the store, the variable and the fix, never a value', () => {
    const error = unsetVariableError({ id_store: 2, name: 'negozio' }, 'API key', 'SHOP_KEY', '--api-key-env');
    expect(error.message).toBe('store negozio (#2) reads its API key from SHOP_KEY, which is not set');
    expect(error.hint).toContain('`ecom-sync stores update 2 --api-key-env OTHER`');
    expect(unsetVariableError({ id_store: 2, name: 'negozio' }, 'client secret', 'SECRET').hint).toBe('Export SECRET in the environment of ecom-sync (cron, systemd unit).');
  });
});
