import { describe, expect, it } from 'vitest';
import { parseThreshold, parseThresholdCheck } from './parseThreshold.ts';

describe('parseThreshold', () => {
  it('parses an absolute threshold for every strategy, converting the value to the metric unit', () => {
    expect(parseThreshold('p99 < 2s')).toEqual({
      ok: true,
      spec: { source: 'p99 < 2s', metric: 'latencyMs.p99', op: '<', value: 2000 },
    });
  });

  it('parses the per-strategy form "STRATEGY: check"', () => {
    expect(parseThreshold('retry: errorRate <= 1%')).toEqual({
      ok: true,
      spec: {
        source: 'retry: errorRate <= 1%',
        strategy: 'retry',
        metric: 'errorRate',
        op: '<=',
        value: 0.01,
      },
    });
  });

  it('parses relative thresholds written with x, ×, * or a bare strategy name', () => {
    const relative = (text: string) => {
      const parsed = parseThreshold(text);
      return parsed.ok ? [parsed.spec.strategy, parsed.spec.value, parsed.spec.relativeTo] : parsed.message;
    };
    expect(relative('cached+batched: p99 < 0.8 x direct')).toEqual(['cached+batched', 0.8, 'direct']);
    expect(relative('p99 < 0.8x direct')).toEqual([undefined, 0.8, 'direct']);
    expect(relative('p99 < 0.8 × direct')).toEqual([undefined, 0.8, 'direct']);
    expect(relative('p99 < 0.8*direct')).toEqual([undefined, 0.8, 'direct']);
    expect(relative('throughput > 2 * batched[size=5]')).toEqual([undefined, 2, 'batched[size=5]']);
    expect(relative('p99 <= direct')).toEqual([undefined, 1, 'direct']);
  });

  it('converts values with units to the metric unit', () => {
    const value = (text: string) => {
      const parsed = parseThreshold(text);
      return parsed.ok ? [parsed.spec.metric, parsed.spec.op, parsed.spec.value] : parsed.message;
    };
    expect(value('mean < 500ms')).toEqual(['latencyMs.mean', '<', 500]);
    expect(value('avg < 1.5s')).toEqual(['latencyMs.mean', '<', 1500]);
    expect(value('latency < 420')).toEqual(['latencyMs.mean', '<', 420]);
    expect(value('ttft.p99 < 500ms')).toEqual(['ttftMs.p99', '<', 500]);
    expect(value('throughput >= 50/min')).toEqual(['throughput.requestsPerMin', '>=', 50]);
    expect(value('throughput > 2/s')).toEqual(['throughput.requestsPerMin', '>', 120]);
    expect(value('throughput.requestsPerSec > 120/min')).toEqual(['throughput.requestsPerSec', '>', 2]);
    expect(value('costUsd < $0.50')).toEqual(['costUsd', '<', 0.5]);
    expect(value('costUsd < 0.50')).toEqual(['costUsd', '<', 0.5]);
    expect(value('retries < 100')).toEqual(['retries', '<', 100]);
    expect(value('cacheHitRate > 30%')).toEqual(['cache.hitRate', '>', 0.3]);
    expect(value('goodput ≥ 0.95')).toEqual(['goodput.ratio', '>=', 0.95]);
    expect(value('p100 < 5s')).toEqual(['latencyMs.max', '<', 5000]);
    expect(value('requests.byOutcome.rate-limited < 10')).toEqual([
      'requests.byOutcome.rate-limited',
      '<',
      10,
    ]);
  });

  it('explains a bad threshold: syntax, metric, percentile and unit', () => {
    const message = (text: string) => {
      const parsed = parseThreshold(text);
      return parsed.ok ? 'ok' : parsed.message;
    };
    expect(message('p99 = 2s')).toBe(
      'expected "METRIC OP VALUE" such as "p99 < 2s", "errorRate < 1%" or "p99 < 0.8 x direct" (OP: <, <=, >, >=), got "p99 = 2s"',
    );
    expect(message('p101 < 2s')).toBe(
      'percentile p101 is out of range: percentiles go from p0 to p100; reported: p50, p90, p95, p99, p99.9 (from 1000 successes) and max',
    );
    expect(message('p75 < 2s')).toBe(
      'percentile p75 is not reported; reported: p50, p90, p95, p99, p99.9 (from 1000 successes) and max (p100)',
    );
    expect(message('erorRate < 1%')).toMatch(
      /^unknown metric "erorRate" \(did you mean "errorRate"\?\); accepted: /,
    );
    expect(message('p99 < 1%')).toBe(
      'p99 takes a duration such as 2s or 500ms (or a number of milliseconds), got "1%"',
    );
    expect(message('errorRate < 5')).toBe(
      'errorRate is a ratio from 0 to 1 (0% to 100%), got 5; write 5% for a percentage',
    );
    expect(message(': p99 < 2s')).toBe('missing strategy name before ":" in ": p99 < 2s"');
  });

  it('keeps the written text as the source of a check given with its strategy apart', () => {
    expect(parseThresholdCheck('errorRate < 1%', 'retry', 'retry: errorRate < 1%')).toEqual({
      ok: true,
      spec: { source: 'retry: errorRate < 1%', strategy: 'retry', metric: 'errorRate', op: '<', value: 0.01 },
    });
  });
});
