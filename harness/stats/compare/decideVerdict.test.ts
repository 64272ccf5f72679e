import { describe, expect, it } from 'vitest';
import { deterministicVerdict, noiseBand, statisticalVerdict } from './decideVerdict.ts';

describe('deterministicVerdict', () => {
  it('calls differences within 1e-9 relative identical and anything larger a real change', () => {
    expect(deterministicVerdict(1000, 1000 + 1e-7, 'lower').verdict).toBe('unchanged');
    expect(deterministicVerdict(1000, 1000.01, 'lower').verdict).toBe('regressed');
    expect(deterministicVerdict(1000, 999.99, 'lower').verdict).toBe('improved');
    expect(deterministicVerdict(0, 0, 'lower').verdict).toBe('unchanged');
  });

  it('knows that more throughput is better', () => {
    expect(deterministicVerdict(100, 120, 'higher').verdict).toBe('improved');
    expect(deterministicVerdict(100, 80, 'higher').verdict).toBe('regressed');
  });

  it('calls a real change within the --noise band unchanged, and says it is real', () => {
    expect(deterministicVerdict(1000, 1050, 'lower', 50)).toEqual({
      verdict: 'unchanged',
      reason: 'deterministic: a real change, but within the --noise band',
    });
    expect(deterministicVerdict(1000, 1050.5, 'lower', 50).verdict).toBe('regressed');
    expect(deterministicVerdict(1000, 1000, 'lower', 50).reason).toBe('identical (deterministic)');
  });
});

describe('noiseBand', () => {
  it('is noise × |baseline|, with a 0.5 percentage-point floor for proportions', () => {
    expect(noiseBand(1000, 0.05, false)).toBe(50);
    expect(noiseBand(0.2, 0.05, true)).toBeCloseTo(0.01, 12);
    expect(noiseBand(0, 0.05, true)).toBe(0.005);
  });
});

describe('statisticalVerdict', () => {
  const base = { alpha: 0.05, band: 50, better: 'lower' as const, noise: 0.05 };

  it('regresses only when significant AND the whole interval lies beyond the band', () => {
    expect(statisticalVerdict({ ...base, interval: { low: 60, high: 200 }, adjustedP: 0.001 }).verdict).toBe(
      'regressed',
    );
    expect(
      statisticalVerdict({ ...base, interval: { low: -200, high: -60 }, adjustedP: 0.001 }).verdict,
    ).toBe('improved');
    expect(statisticalVerdict({ ...base, interval: { low: 60, high: 200 }, adjustedP: 0.06 }).verdict).toBe(
      'inconclusive',
    );
  });

  it('calls a significant change inside the noise band unchanged', () => {
    const d = statisticalVerdict({ ...base, interval: { low: 5, high: 40 }, adjustedP: 0.001 });
    expect(d).toEqual({
      verdict: 'unchanged',
      reason: 'significant (p=0.0010 Holm-adjusted) but within the noise band',
    });
  });

  it('calls a non-significant change unchanged only when the interval rules out twice the band', () => {
    expect(statisticalVerdict({ ...base, interval: { low: -90, high: 95 }, adjustedP: 0.7 }).verdict).toBe(
      'unchanged',
    );
    const wide = statisticalVerdict({ ...base, interval: { low: -300, high: 350 }, adjustedP: 0.7 });
    expect(wide.verdict).toBe('inconclusive');
    expect(wide.reason).toBe(
      'too noisy to tell (p=0.7000 Holm-adjusted): the interval reaches beyond ±10% without lying beyond the ±5% band; measure more requests',
    );
  });
});
