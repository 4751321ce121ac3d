import { describe, expect, it } from 'vitest';
import { JobIdRanges } from '../../../src/sync/job-id-ranges.js';

describe('JobIdRanges', () => {
  it('keeps consecutive ids as one range and gives them back in bounded parts', () => {
    const set = new JobIdRanges();
    for (const id of [1, 2, 3, 7, 8, 20]) set.add(id);
    expect(set.size).toBe(6);
    expect([...set.parts(4)]).toEqual([[1, 2, 3, 7], [8, 20]]);
    expect([...set.parts(100)]).toEqual([[1, 2, 3, 7, 8, 20]]);
  });

  it('is empty until an id is added', () => {
    expect([...new JobIdRanges().parts(10)]).toEqual([]);
  });

  it('refuses ids out of order (they would be delivered twice or skipped)', () => {
    const set = new JobIdRanges();
    set.add(5);
    expect(() => set.add(5)).toThrow(RangeError);
    expect(() => set.add(3)).toThrow(/increasing order/);
  });
});
