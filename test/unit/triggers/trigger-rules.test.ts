import { describe, expect, it } from 'vitest';
import { diffStateCatalogue, type StoredState } from '../../../src/pull/state-catalogue-diff.js';
import { isUniqueViolation, stateTypeFor } from '../../../src/triggers/index.js';
import { checkEventAndStateType } from '../../../src/triggers/trigger-validation.js';

describe('trigger rules', () => {
  it('the state type follows from the event type', () => {
    expect(stateTypeFor('order_status_changed')).toBe('order_state');
    expect(stateTypeFor('shipping_status_changed')).toBe('shipping_state');
    expect(checkEventAndStateType('shipping_status_changed', undefined)).toEqual({ eventType: 'shipping_status_changed', stateType: 'shipping_state', kind: 'shipping' });
    expect(checkEventAndStateType('order_status_changed', 'order_state').stateType).toBe('order_state');
  });

  it('refuses unknown event types and mismatched state types with stable codes', () => {
    expect(() => checkEventAndStateType('ORDER_STATUS_CHANGED', undefined)).toThrow(expect.objectContaining({ code: 'INVALID_EVENT_TYPE' }));
    expect(() => checkEventAndStateType('order_status_changed', 'shipping_state')).toThrow(expect.objectContaining({ code: 'STATE_TYPE_MISMATCH', hint: expect.stringContaining('order_state') }));
  });

  it('recognises unique violations of each driver and nothing else', () => {
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});

describe('state catalogue diff', () => {
  const row = (id: number, name: string, flags: Partial<StoredState> = {}): StoredState => ({
    id_ecommerce_order_state: id + 100, id_platform_state: id, name, platform_name: 'PrestaShop', is_deleted: 0, is_missing: 0, send_email: 0, ...flags,
  });
  const state = (id: number, name: string, deleted = false) => ({ id, name, deleted, sendEmail: false });

  it('classifies each state once: created, updated, flagged (deleted or vanished) or unchanged', () => {
    const diff = diffStateCatalogue(
      [row(1, 'Uno'), row(2, 'Due'), row(3, 'Tre'), row(4, 'Quattro'), row(5, 'Cinque', { is_missing: 1 })],
      [state(2, 'Due bis'), state(1, 'Uno'), state(3, 'Tre', true), state(6, 'Sei')],
      'PrestaShop',
    );
    expect(diff.create.map((c) => c.id_platform_state)).toEqual([6]);
    expect(diff.update.map((u) => [u.row.id_platform_state, u.values.name])).toEqual([[2, 'Due bis']]);
    expect(diff.flag.map((f) => [f.row.id_platform_state, f.values.is_deleted, f.values.is_missing])).toEqual([[3, 1, 0], [4, 0, 1]]);
    // Already missing and still absent: nothing to write.
    expect(diff.unchanged.map((u) => u.id_platform_state).sort()).toEqual([1, 5]);
  });

  it('a state listed again is no longer missing; an empty name gets a placeholder; duplicates are read once', () => {
    const diff = diffStateCatalogue([row(5, 'Cinque', { is_missing: 1 })], [state(5, 'Cinque'), state(7, '  '), state(7, 'again')], 'PrestaShop');
    expect(diff.update.map((u) => [u.row.id_platform_state, u.values.is_missing])).toEqual([[5, 0]]);
    expect(diff.create).toEqual([expect.objectContaining({ id_platform_state: 7, name: '#7' })]);
  });
});
