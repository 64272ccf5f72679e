import { describe, expect, it } from 'vitest';
import { Random } from '../random/Random.ts';
import { bootstrapDifference } from './bootstrapDifference.ts';
import { percentileSorted } from './summarize.ts';

const p99 = (s: Float64Array): number => percentileSorted(s, 99);

function lognormalSamples(seed: number, n: number, median: number): number[] {
  const r = new Random(seed, 'samples');
  return Array.from({ length: n }, () => Math.round(r.lognormal(median, 0.3) * 10) / 10);
}

describe('bootstrapDifference', () => {
  it('is reproducible: the same seed gives the same interval and p-value', () => {
    const a = lognormalSamples(1, 200, 1000);
    const b = lognormalSamples(2, 200, 1000);
    const x = bootstrapDifference(a, b, p99, { random: new Random(7, 'boot'), resamples: 500 });
    const y = bootstrapDifference(a, b, p99, { random: new Random(7, 'boot'), resamples: 500 });
    expect(x).toEqual(y);
  });

  it('finds a 50% slower p99 significant, with the interval above zero', () => {
    const a = lognormalSamples(1, 1000, 1000);
    const b = lognormalSamples(2, 1000, 1500);
    const r = bootstrapDifference(a, b, p99, { random: new Random(7, 'boot'), resamples: 1000 });
    expect(r.difference).toBeGreaterThan(0);
    expect(r.interval.low).toBeGreaterThan(0);
    expect(r.pValue).toBeCloseTo(2 / 1001, 12);
  });

  it('gives p = 1 and a zero-width interval for identical constant samples', () => {
    const r = bootstrapDifference([3, 3, 3], [3, 3], p99, { random: new Random(1), resamples: 100 });
    expect(r).toEqual({ difference: 0, interval: { low: 0, high: 0 }, pValue: 1 });
  });
});
