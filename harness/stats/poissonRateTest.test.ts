import { describe, expect, it } from 'vitest';
import { poissonRateTest } from './poissonRateTest.ts';

describe('poissonRateTest', () => {
  it('compares 100 events in 5 min with 150 in 5 min: z = 10 / sqrt(10)', () => {
    const r = poissonRateTest({ events: 100, exposure: 5 }, { events: 150, exposure: 5 });
    expect(r.difference).toBe(10);
    expect(r.z).toBeCloseTo(10 / Math.sqrt(10), 12);
    expect(r.pValue).toBeCloseTo(0.0015654022580025018, 7);
    expect(r.interval.low).toBeCloseTo(10 - 1.959963984540054 * Math.sqrt(10), 8);
  });

  it('finds no difference between equal rates over different windows', () => {
    const r = poissonRateTest({ events: 60, exposure: 2 }, { events: 90, exposure: 3 });
    expect(r.difference).toBe(0);
    expect(r.pValue).toBe(1);
  });
});
