import { describe, expect, it } from 'vitest';
import { parseFilterValue, parseWsQuery } from '../../../src/platforms/sandbox/ws-query.js';

describe('webservice query parsing', () => {
  it('reads every filter operator', () => {
    expect(parseFilterValue('[5]')).toEqual({ kind: 'eq', values: ['5'] });
    expect(parseFilterValue('[1|2|3]')).toEqual({ kind: 'eq', values: ['1', '2', '3'] });
    expect(parseFilterValue('[1,9]')).toEqual({ kind: 'range', from: '1', to: '9' });
    expect(parseFilterValue('>[2026-01-01 00:00:00]')).toEqual({ kind: 'gt', value: '2026-01-01 00:00:00' });
    expect(parseFilterValue('<[7]')).toEqual({ kind: 'lt', value: '7' });
    expect(parseFilterValue('![4]')).toEqual({ kind: 'ne', values: ['4'] });
    expect(parseFilterValue('[Spe]%')).toEqual({ kind: 'like', value: 'Spe', prefix: false, suffix: true });
    expect(parseFilterValue('%[edi]%')).toEqual({ kind: 'like', value: 'edi', prefix: true, suffix: true });
    expect(parseFilterValue('plain')).toEqual({ kind: 'eq', values: ['plain'] });
  });

  it('decodes URL-encoded brackets, operators and spaces', () => {
    const q = parseWsQuery('filter%5Bdate_upd%5D=%3E%5B2026-01-01+10%3A00%3A00%5D&date=1&sort=%5Bdate_upd_ASC%2Cid_ASC%5D&limit=100%2C50');
    expect(q.filters).toEqual([{ field: 'date_upd', op: { kind: 'gt', value: '2026-01-01 10:00:00' } }]);
    expect(q.date).toBe(true);
    expect(q.sort).toEqual([{ field: 'date_upd', desc: false }, { field: 'id', desc: false }]);
    expect(q.limit).toEqual({ offset: 100, count: 50 });
  });

  it('reads display, language, output_format and sendemail exactly as PrestaShop does', () => {
    expect(parseWsQuery('display=full').display).toBe('full');
    expect(parseWsQuery('display=[id,current_state]').display).toEqual(['id', 'current_state']);
    expect(parseWsQuery('').display).toBe('ids');
    expect(parseWsQuery('language=[1|2]').languages).toEqual([1, 2]);
    expect(parseWsQuery('language=2').languages).toEqual([2]);
    expect(parseWsQuery('output_format=JSON').jsonRequested).toBe(true);
    expect(parseWsQuery('output_format=json').jsonRequested).toBe(false);
    expect(parseWsQuery('sendemail=1').sendEmail).toBe(true);
    expect(parseWsQuery('sendmail=1').sendEmail).toBe(false);
    expect(parseWsQuery('limit=25').limit).toEqual({ offset: 0, count: 25 });
  });

  it('rejects a malformed sort with 500 code 37 and reads a malformed limit as 0 like 8.2.1', () => {
    expect(() => parseWsQuery('sort=[id]')).toThrowError(expect.objectContaining({ wsCode: 37, status: 500 }) as Error);
    expect(parseWsQuery('limit=abc').limit).toEqual({ offset: 0, count: 0 });
  });
});
