import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { buildOrderHistoryXml } from '../../../src/platforms/prestashop/order-history-xml.js';
import { readSample } from './samples-dir.js';

describe('buildOrderHistoryXml', () => {
  it('writes exactly the spec XML (the recorded request of order 10744 -> state 2)', () => {
    expect(buildOrderHistoryXml(10744, 2)).toBe(readSample('order_histories-post-request.xml'));
  });

  it('puts the ids into id_order and id_order_state', () => {
    expect(buildOrderHistoryXml(32, 3)).toContain('    <id_order>32</id_order>\n    <id_order_state>3</id_order_state>\n');
  });

  it('refuses ids that are not positive integers', () => {
    for (const [order, state] of [[0, 3], [32, -1], [1.5, 3], [Number.NaN, 3]] as const) {
      expect(() => buildOrderHistoryXml(order, state)).toThrow(ValidationError);
    }
  });
});
