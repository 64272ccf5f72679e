import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from './twoProportionZTest.ts';

describe('twoProportionZTest', () => {
  it('matches the pooled z-test by hand: 12/1000 vs 30/1000', () => {
    const r = twoProportionZTest({ successes: 12, trials: 1000 }, { successes: 30, trials: 1000 });
    expect(r.z).toBeCloseTo(2.8070911436484303, 9);
    expect(r.pValue).toBeCloseTo(0.004999109504464619, 7);
    expect(r.difference).toBeCloseTo(0.018, 12);
    const half = 1.959963984540054 * Math.sqrt((0.012 * 0.988) / 1000 + (0.03 * 0.97) / 1000);
    expect(r.interval.low).toBeCloseTo(0.018 - half, 8);
    expect(r.interval.high).toBeCloseTo(0.018 + half, 8);
  });

  it('gives p = 1 when neither side has any event', () => {
    const r = twoProportionZTest({ successes: 0, trials: 50 }, { successes: 0, trials: 80 });
    expect(r).toMatchObject({ difference: 0, z: 0, pValue: 1, interval: { low: 0, high: 0 } });
  });
});
