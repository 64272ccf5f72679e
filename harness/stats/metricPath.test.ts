import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../results/ResultsFile.ts';
import { metricDirection, metricUnit, readMetric, resolveMetricPath } from './metricPath.ts';
import { summarize } from './summarize.ts';

const metrics = {
  requests: { total: 10, ok: 9, failed: 1, byOutcome: { 'rate-limited': 1 } },
  latencyMs: summarize([100, 200, 300]),
  throughput: { requestsPerSec: 0.5, requestsPerMin: 30, outputTokensPerSec: 12 },
  errorRate: 0.1,
  upstream: { calls: 12, byStatus: { '200': 9, '429': 3 } },
  retries: 2,
  cache: { hits: 0, hitRate: 0 },
  tokens: { input: 1000, output: 500, wastedOutput: 0 },
  costUsd: 0.0105,
  windowMs: 18_000,
} satisfies RunMetrics;

describe('metric paths', () => {
  it('reads nested values and reports absent ones as undefined', () => {
    expect(readMetric(metrics, 'latencyMs.p99')).toBe(300);
    expect(readMetric(metrics, 'throughput.requestsPerMin')).toBe(30);
    expect(readMetric(metrics, 'errorRate')).toBe(0.1);
    expect(readMetric(metrics, 'ttftMs.p99')).toBeUndefined();
    expect(readMetric(metrics, 'latencyMs')).toBeUndefined();
  });

  it('counts an outcome or status that never occurred as 0', () => {
    expect(readMetric(metrics, 'upstream.byStatus.429')).toBe(3);
    expect(readMetric(metrics, 'upstream.byStatus.529')).toBe(0);
    expect(readMetric(metrics, 'requests.byOutcome.rate-limited')).toBe(1);
    expect(readMetric(metrics, 'requests.byOutcome.overloaded')).toBe(0);
  });

  it('resolves aliases and full paths, and rejects unknown names', () => {
    expect(resolveMetricPath('p99')).toBe('latencyMs.p99');
    expect(resolveMetricPath(' cost ')).toBe('costUsd');
    expect(resolveMetricPath('ttftMs.p95')).toBe('ttftMs.p95');
    expect(resolveMetricPath('latency.p99')).toBeUndefined();
  });

  it('knows the better direction and the unit of each metric', () => {
    expect(metricDirection('latencyMs.p99')).toBe('lower');
    expect(metricDirection('throughput.requestsPerMin')).toBe('higher');
    expect(metricDirection('cache.hitRate')).toBe('higher');
    expect(metricDirection('errorRate')).toBe('lower');
    expect(metricUnit('latencyMs.mean')).toBe('ms');
    expect(metricUnit('errorRate')).toBe('ratio');
    expect(metricUnit('throughput.requestsPerMin')).toBe('perMin');
    expect(metricUnit('costUsd')).toBe('usd');
    expect(metricUnit('retries')).toBe('count');
  });
});
