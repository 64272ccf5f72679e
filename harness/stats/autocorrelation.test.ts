import { describe, expect, it } from 'vitest';
import { blockLength, effectiveSampleSize, lag1Autocorrelation } from './autocorrelation.ts';

describe('serial correlation', () => {
  it('measures lag-1 autocorrelation: 0.7 for a ramp of 10, negative for an alternation', () => {
    expect(lag1Autocorrelation([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(0.7, 12);
    expect(lag1Autocorrelation([1, -1, 1, -1, 1, -1])).toBeCloseTo(-5 / 6, 12);
    expect(lag1Autocorrelation([3, 3, 3])).toBe(0);
  });

  it('shrinks the effective sample size by (1 - ρ) / (1 + ρ), never for negative ρ', () => {
    expect(effectiveSampleSize(300, 0.8)).toBeCloseTo(300 / 9, 12);
    expect(effectiveSampleSize(300, -0.3)).toBe(300);
    expect(effectiveSampleSize(10, 0.99)).toBe(2);
  });

  it('resamples independent samples one by one and correlated ones in longer blocks', () => {
    expect(blockLength(1000, 0.05)).toBe(1);
    expect(blockLength(1000, 0.5)).toBe(Math.ceil(10 * (1 / 0.75) ** (2 / 3)));
    expect(blockLength(40, 0.99)).toBe(10);
  });
});
