import { describe, expect, it } from 'vitest';
import { resolveMetric } from '../scenario/metrics.ts';
import { resolveMetricPath } from './metricPath.ts';
import { P999_MIN_SAMPLES, percentileSorted, summarize } from './summarize.ts';

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

describe('p99.9', () => {
  const ramp = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('is reported from 1000 samples on (nearest rank), absent below', () => {
    expect(summarize(ramp(999)).p999).toBeUndefined();
    expect('p999' in summarize(ramp(999))).toBe(false);
    expect(summarize(ramp(1000)).p999).toBe(999);
    expect(summarize(ramp(2000)).p999).toBe(1998);
    expect(P999_MIN_SAMPLES).toBe(1000);
  });

  it('is a metric thresholds and compare can name: p99.9, latency.p99.9, latencyMs.p999', () => {
    for (const name of ['p99.9', 'latency.p99.9', 'latencyMs.p999']) {
      expect(resolveMetric(name)).toEqual({ ok: true, path: 'latencyMs.p999', unit: 'ms' });
    }
    expect(resolveMetricPath('p99.9')).toBe('latencyMs.p999');
  });
});
