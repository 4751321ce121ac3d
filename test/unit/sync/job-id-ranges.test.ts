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

  it('gives the ranges back in parts bounded by ids and by ranges', () => {
    const set = new JobIdRanges();
    for (let id = 1; id <= 12; id += 1) set.add(id);
    for (const id of [20, 22, 24]) set.add(id);
    expect([...set.rangeParts(5)]).toEqual([[[1, 5]], [[6, 10]], [[11, 12], [20, 20], [22, 22], [24, 24]]]);
    expect([...set.rangeParts(100, 2)]).toEqual([[[1, 12], [20, 20]], [[22, 22], [24, 24]]]);
  });

  it('is empty until an id is added', () => {
    expect([...new JobIdRanges().parts(10)]).toEqual([]);
    expect([...new JobIdRanges().rangeParts(10)]).toEqual([]);
  });

  it('refuses ids out of order (they would be delivered twice or skipped)', () => {
    const set = new JobIdRanges();
    set.add(5);
    expect(() => set.add(5)).toThrow(RangeError);
    expect(() => set.add(3)).toThrow(/increasing order/);
  });
});
