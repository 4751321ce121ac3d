import { describe, expect, it } from 'vitest';
import { CostBucket } from '../../../src/platforms/shopify/cost-throttle.js';

function clockAt(start: number) {
  let now = start;
  return { now: () => now, sleep: () => Promise.resolve(), advance: (ms: number) => { now += ms; } };
}

describe('the client\'s picture of the cost bucket', () => {
  it('refills at the restore rate up to the maximum, less what requests in flight reserved', () => {
    const clock = clockAt(0);
    const bucket = new CostBucket(clock);
    expect(bucket.waitFor(500)).toBe(0); // unknown bucket: send, the answer will tell
    bucket.observe({ maximumAvailable: 100, currentlyAvailable: 10, restoreRate: 50 });
    expect(bucket.waitFor(12)).toBe(40);
    clock.advance(1000);
    expect(bucket.available()).toBe(60);
    const release = bucket.reserve(50);
    expect(bucket.available()).toBe(10);
    expect(bucket.waitFor(12)).toBe(40);
    release();
    release();
    expect(bucket.available()).toBe(60);
    clock.advance(10_000);
    expect(bucket.available()).toBe(100);
  });

  it('an older answer arriving after a newer one does not raise the picture above it', () => {
    const clock = clockAt(0);
    const bucket = new CostBucket(clock);
    bucket.observe({ maximumAvailable: 100, currentlyAvailable: 76, restoreRate: 50 }); // after two requests
    bucket.observe({ maximumAvailable: 100, currentlyAvailable: 88, restoreRate: 50 }); // the first one's answer, late
    expect(bucket.available()).toBe(76);
    // A lower report always wins (a THROTTLED answer, another app using the same shop).
    bucket.observe({ maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 50 });
    expect(bucket.available()).toBe(0);
    // Another bucket (the shop's plan changed): the new report is taken as it is.
    bucket.observe({ maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 });
    expect(bucket.available()).toBe(1990);
  });
});
