import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
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

  it('widens the interval when resampling correlated stretches in blocks', () => {
    const stretch = (offset: number) =>
      Array.from({ length: 200 }, (_, i) => 1000 + offset + 100 * (((Math.floor(i / 10) * 7) % 20) - 9.5));
    const p50 = (s: Float64Array): number => percentileSorted(s, 50);
    const width = (block: number): number => {
      const r = bootstrapDifference(stretch(0), stretch(50), p50, {
        random: new Random(3, 'boot'),
        resamples: 500,
        blockLength: { base: block, head: block },
      });
      return r.interval.high - r.interval.low;
    };
    expect(width(10)).toBeGreaterThan(1.5 * width(1));
  });
});
