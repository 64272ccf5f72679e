import { describe, expect, it } from 'vitest';
import { relativeMarginOfError, welchTTest } from './welchTTest.ts';

const base = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
const head = [
  28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4,
  23.9, 13.3,
];

describe('welchTTest', () => {
  it('matches scipy ttest_ind(equal_var=False): t, df, p and the 95% interval', () => {
    const r = welchTTest(base, head);
    expect(r.t).toBeCloseTo(2.225512039969852, 9);
    expect(r.df).toBeCloseTo(24.524634944257343, 9);
    expect(r.pValue).toBeCloseTo(0.035484530830010394, 8);
    expect(r.interval.low).toBeCloseTo(0.16354134987944358, 7);
    expect(r.interval.high).toBeCloseTo(4.276458650120555, 7);
    expect(r.difference).toBeCloseTo(2.22, 9);
  });

  it('gives p = 1 for identical constant samples and p = 0 for different constants', () => {
    expect(welchTTest([5, 5, 5], [5, 5]).pValue).toBe(1);
    const r = welchTTest([5, 5, 5], [6, 6]);
    expect(r.pValue).toBe(0);
    expect(r.interval).toEqual({ low: 1, high: 1 });
  });

  it('refuses fewer than two samples a side', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
  });
});

describe('relativeMarginOfError', () => {
  it('is t(0.975, n-1) * SEM / mean', () => {
    // mean 2, sd 1, n 3: t = 4.302652729749464, SEM = 1/sqrt(3)
    expect(relativeMarginOfError([1, 2, 3])).toBeCloseTo(4.302652729749464 / Math.sqrt(3) / 2, 8);
    expect(relativeMarginOfError([7])).toBe(Number.POSITIVE_INFINITY);
  });
});
