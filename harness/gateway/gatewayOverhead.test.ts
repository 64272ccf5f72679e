import { describe, expect, it } from 'vitest';
import { overheadTable } from '../../reports/model/overheadRows.ts';
import { makeRun } from '../../test/fixtures/results/makeRun.ts';
import { metricDirection, metricUnit, resolveMetricPath } from '../stats/metricPath.ts';
import { gatewayOverhead, overheadMetrics } from './gatewayOverhead.ts';

const run = (latencyMs: number[], invalidReasons?: string[]) =>
  makeRun({
    strategy: 'direct',
    cellId: 'base',
    latencyMs,
    windowMs: 10_000,
    inputTokens: 0,
    outputTokens: 0,
    ...(invalidReasons !== undefined ? { invalidReasons } : {}),
  });

/** 1, 2, …, n ms. */
const ramp = (n: number, plus = 0): number[] => Array.from({ length: n }, (_, i) => i + 1 + plus);

describe('gatewayOverhead', () => {
  it('is gateway − direct at p50, p90, p99; constant samples give an interval of exactly that and the smallest p', () => {
    const baseline = gatewayOverhead(run(Array(600).fill(12.5)), run(Array(600).fill(10)), {
      seed: 1,
      resamples: 999,
    });
    const exact = { kind: 'measured', differenceMs: 2.5, lowMs: 2.5, highMs: 2.5, pValue: 2 / 1000 };
    expect(baseline.overheadMs).toEqual({ p50: exact, p90: exact, p99: exact });
    expect(baseline.confidence).toBe(0.95);
    expect(baseline.direct.metrics.latencyMs?.p50).toBe(10);
    expect(overheadMetrics(baseline)).toEqual({ p50: 2.5, p90: 2.5, p99: 2.5 });
  });

  it('gives the same interval for the same seed, and brackets a shifted ramp', () => {
    const direct = run(ramp(1000));
    const gateway = run(ramp(1000, 3));
    const a = gatewayOverhead(gateway, direct, { seed: 7, resamples: 500 });
    const b = gatewayOverhead(gateway, direct, { seed: 7, resamples: 500 });
    expect(a).toEqual(b);
    const p50 = a.overheadMs.p50;
    if (p50.kind !== 'measured') throw new Error('p50 not measured');
    expect(p50.differenceMs).toBe(3);
    expect(p50.lowMs).toBeLessThan(3);
    expect(p50.highMs).toBeGreaterThan(3);
  });

  it('leaves out a percentile with too few samples above it, and every one when a run is not valid', () => {
    const few = gatewayOverhead(run(ramp(100, 1)), run(ramp(100)), { seed: 1, resamples: 200 });
    expect(few.overheadMs.p50.kind).toBe('measured');
    expect(few.overheadMs.p99).toEqual({
      kind: 'not-measured',
      reason: 'too few samples for p99 (100 base, 100 head; need ≥ 500 a side, 5 above the percentile)',
    });
    expect(Object.keys(overheadMetrics(few))).toEqual(['p50', 'p90']);
    const lagged = gatewayOverhead(run(ramp(100)), run(ramp(100), ['generator fell behind: p99 lag 40 ms']), {
      seed: 1,
    });
    expect(lagged.overheadMs.p50).toEqual({
      kind: 'not-measured',
      reason: 'the direct run is not a valid measurement',
    });
    expect(overheadMetrics(lagged)).toEqual({});
  });
});

describe('overheadMs as a metric', () => {
  it('is a metric path thresholds and compare accept, in ms, lower is better', () => {
    for (const p of ['p50', 'p90', 'p99']) {
      expect(resolveMetricPath(`overheadMs.${p}`)).toBe(`overheadMs.${p}`);
      expect(metricUnit(`overheadMs.${p}`)).toBe('ms');
      expect(metricDirection(`overheadMs.${p}`)).toBe('lower');
    }
  });
});

describe('overheadTable', () => {
  it('formats each percentile as +difference [low, high] with the direct p50, and says why one is missing', () => {
    const gateway = run(ramp(100, 1));
    gateway.baseline = gatewayOverhead(gateway, run(ramp(100)), { seed: 1, resamples: 200 });
    const plain = run(ramp(10));
    plain.strategy = 'other';
    const table = overheadTable([gateway, plain]);
    expect(table?.title).toBe('gateway overhead (ms): gateway − direct, 95% interval');
    expect(table?.head).toEqual(['strategy', 'p50', 'p90', 'p99', 'direct p50']);
    expect(table?.rows).toEqual([
      ['direct', expect.stringMatching(/^\+1\.0 \[[-+0-9.]+, \+[0-9.]+\]$/), expect.any(String), '–', '50.0'],
    ]);
    expect(table?.notes).toEqual([
      'direct: p99: too few samples for p99 (100 base, 100 head; need ≥ 500 a side, 5 above the percentile)',
    ]);
    expect(overheadTable([plain])).toBeUndefined();
    const lagged = run(ramp(100), ['generator fell behind']);
    lagged.baseline = gatewayOverhead(lagged, run(ramp(100)), { seed: 1 });
    expect(overheadTable([lagged])?.notes).toEqual([
      'direct: p50, p90, p99: the gateway run is not a valid measurement',
    ]);
  });
});
