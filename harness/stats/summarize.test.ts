import { describe, expect, it } from 'vitest';
import { percentileSorted, summarize } from './summarize.ts';

describe('summarize', () => {
  it('gives exact nearest-rank percentiles over 1..100', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    const s = summarize(xs);
    expect(s).toMatchObject({ count: 100, mean: 50.5, min: 1, p50: 50, p90: 90, p95: 95, p99: 99, max: 100 });
    expect(s.stddev).toBeCloseTo(29.0115, 4);
    expect(xs[0]).toBe(100);
  });

  it('handles one and zero samples', () => {
    expect(summarize([7])).toEqual({
      count: 1,
      mean: 7,
      stddev: 0,
      min: 7,
      p50: 7,
      p90: 7,
      p95: 7,
      p99: 7,
      max: 7,
    });
    expect(summarize([]).count).toBe(0);
    expect(percentileSorted([1, 2, 3], 0)).toBe(1);
  });
});
