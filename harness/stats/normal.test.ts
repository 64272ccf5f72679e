import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalTwoSidedP } from './normal.ts';

describe('normal distribution', () => {
  it('matches reference CDF values (scipy.stats.norm)', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 7);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(1 - 0.9750021048517795, 7);
    expect(normalTwoSidedP(2.8070911436484303)).toBeCloseTo(0.004999109504464619, 7);
  });

  it('inverts the CDF (quantiles to 1e-8)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});
