import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket.ts';

describe('TokenBucket', () => {
  it('starts full and refuses a take beyond its level without taking anything', () => {
    const bucket = new TokenBucket(1, 3, 0);
    expect([bucket.tryTake(1, 0), bucket.tryTake(1, 0), bucket.tryTake(1, 0), bucket.tryTake(1, 0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.level(0)).toBe(0);
  });

  it('refills continuously at its rate and never above its capacity', () => {
    const bucket = new TokenBucket(2, 10, 0);
    bucket.take(10, 0);
    expect(bucket.level(250)).toBe(0.5);
    expect(bucket.level(1000)).toBe(2);
    expect(bucket.level(60_000)).toBe(10);
  });

  it('says how long until an amount is available, and Infinity beyond the capacity', () => {
    const bucket = new TokenBucket(50 / 60, 50, 0);
    bucket.take(50, 0);
    expect(bucket.waitMs(1, 0)).toBeCloseTo(1200, 9);
    expect(bucket.waitMs(51, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(bucket.fullInMs(0)).toBeCloseTo(60_000, 9);
  });

  it('takes refunds up to the capacity', () => {
    const bucket = new TokenBucket(1, 5, 0);
    bucket.take(3, 0);
    bucket.put(10, 0);
    expect(bucket.level(0)).toBe(5);
  });
});
