import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile, studentTTwoSidedP } from './studentT.ts';

describe("Student's t distribution", () => {
  it('matches reference quantiles (scipy.stats.t.ppf)', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 8);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 7);
    expect(studentTQuantile(0.975, 37.3)).toBeCloseTo(2.0256425230779604, 8);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 8);
  });

  it('matches reference CDF values, fractional df included', () => {
    expect(studentTCdf(-3.5, 4.5)).toBeCloseTo(0.010270844984692789, 9);
    expect(studentTCdf(2.228138851986274, 10)).toBeCloseTo(0.975, 9);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(studentTTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 9);
  });
});
