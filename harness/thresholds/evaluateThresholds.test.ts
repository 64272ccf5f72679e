import { describe, expect, it } from 'vitest';
import { makeRun } from '../../test/fixtures/results/makeRun.ts';
import { gatewayOverhead, overheadMetrics } from '../gateway/gatewayOverhead.ts';
import type { ThresholdSpec } from '../scenario/types.ts';
import { evaluateThresholds, thresholdExitCode } from './evaluateThresholds.ts';

const common = { windowMs: 60_000, inputTokens: 1000, outputTokens: 500 };
const runs = [
  makeRun({
    strategy: 'direct',
    cellId: 'c1',
    latencyMs: [100, 200, 1000],
    failures: { overloaded: 1 },
    ...common,
  }),
  makeRun({ strategy: 'cached', cellId: 'c1', latencyMs: [50, 60, 700], ...common }),
  makeRun({ strategy: 'direct', cellId: 'c2', latencyMs: [300, 400, 2000], ...common }),
  makeRun({ strategy: 'cached', cellId: 'c2', latencyMs: [100, 150, 1900], ...common }),
];

const spec = (
  over: Partial<ThresholdSpec> & Pick<ThresholdSpec, 'metric' | 'op' | 'value'>,
): ThresholdSpec => ({
  source: `${over.metric} ${over.op} ${over.value}`,
  ...over,
});

describe('evaluateThresholds', () => {
  it('checks an absolute bound for every strategy in every cell', () => {
    const results = evaluateThresholds([spec({ metric: 'latencyMs.p99', op: '<', value: 1500 })], runs);
    expect(results.map((r) => [r.strategy, r.cellId, r.measured, r.bound, r.passed])).toEqual([
      ['direct', 'c1', 1000, 1500, true],
      ['cached', 'c1', 700, 1500, true],
      ['direct', 'c2', 2000, 1500, false],
      ['cached', 'c2', 1900, 1500, false],
    ]);
  });

  it('applies a strategy filter and the comparison operators exactly at the bound', () => {
    const results = evaluateThresholds(
      [
        spec({ strategy: 'direct', metric: 'errorRate', op: '<=', value: 0.25 }),
        spec({ strategy: 'direct', metric: 'errorRate', op: '<', value: 0.25 }),
        spec({ strategy: 'cached', metric: 'throughput.requestsPerMin', op: '>=', value: 3 }),
      ],
      runs,
    );
    expect(results.map((r) => [r.strategy, r.cellId, r.measured, r.passed])).toEqual([
      ['direct', 'c1', 0.25, true],
      ['direct', 'c2', 0, true],
      ['direct', 'c1', 0.25, false],
      ['direct', 'c2', 0, true],
      ['cached', 'c1', 3, true],
      ['cached', 'c2', 3, true],
    ]);
  });

  it('scales a relative bound by the reference strategy in the same cell, skipping the reference itself', () => {
    const results = evaluateThresholds(
      [
        spec({
          source: 'p99 < 0.8 x direct',
          metric: 'latencyMs.p99',
          op: '<',
          value: 0.8,
          relativeTo: 'direct',
        }),
      ],
      runs,
    );
    expect(results.map((r) => [r.strategy, r.cellId, r.measured, r.bound, r.passed])).toEqual([
      ['cached', 'c1', 700, 800, true],
      ['cached', 'c2', 1900, 1600, false],
    ]);
  });

  it('fails a threshold on a metric the run did not measure, with a reason, instead of throwing', () => {
    const [result] = evaluateThresholds(
      [spec({ strategy: 'direct', metric: 'ttftMs.p99', op: '<', value: 500 })],
      [runs[0]!],
    );
    expect(result).toMatchObject({ passed: false, measured: Number.NaN, bound: 500 });
    expect(result?.reason).toBe(
      'ttftMs.p99 was not measured in this run (only streamed requests (stream: true) measure time to first token)',
    );
  });

  it('fails when the reference strategy or the named strategy has no run', () => {
    const results = evaluateThresholds(
      [
        spec({ metric: 'latencyMs.p99', op: '<', value: 1, relativeTo: 'batched' }),
        spec({ strategy: 'streaming', metric: 'latencyMs.p99', op: '<', value: 1 }),
      ],
      runs.slice(0, 1),
    );
    expect(results.map((r) => [r.strategy, r.cellId, r.passed, r.reason])).toEqual([
      ['direct', 'c1', false, 'no run of strategy "batched" in cell c1 to compare with'],
      ['streaming', '*', false, 'no run of strategy "streaming" (strategies run: direct)'],
    ]);
  });

  it('does not evaluate a threshold on an invalid run, even when the value is within the bound', () => {
    const invalid = makeRun({
      strategy: 'direct',
      cellId: 'c1',
      latencyMs: [10],
      invalidReasons: ['achieved 4.1/s of the 10/s target arrival rate'],
      ...common,
    });
    const [result] = evaluateThresholds([spec({ metric: 'latencyMs.p99', op: '<', value: 1000 })], [invalid]);
    expect(result).toMatchObject({ measured: 10, bound: 1000, passed: false, notEvaluated: true });
    expect(result?.reason).toBe('invalid measurement: achieved 4.1/s of the 10/s target arrival rate');
  });

  it('judges the gateway overhead (overheadMs.p50): measured, too few samples (fails, saying why), or a direct twin that is not valid (not evaluated)', () => {
    const ramp = (n: number, plus = 0) => Array.from({ length: n }, (_, i) => i + 1 + plus);
    const through = (direct: ReturnType<typeof makeRun>, n: number) => {
      const run = makeRun({ strategy: 'direct', cellId: 'c1', latencyMs: ramp(n, 2), ...common });
      run.baseline = gatewayOverhead(run, direct, { seed: 1, resamples: 100 });
      run.metrics.overheadMs = overheadMetrics(run.baseline);
      return run;
    };
    const twin = (n: number, invalidReasons?: string[]) =>
      makeRun({
        strategy: 'direct',
        cellId: 'c1',
        latencyMs: ramp(n),
        ...common,
        ...(invalidReasons !== undefined ? { invalidReasons } : {}),
      });
    const check = (metric: string, run: ReturnType<typeof makeRun>) =>
      evaluateThresholds([spec({ metric, op: '<', value: 5 })], [run])[0];
    expect(check('overheadMs.p50', through(twin(100), 100))).toMatchObject({
      measured: 2,
      bound: 5,
      passed: true,
    });
    expect(check('overheadMs.p99', through(twin(100), 100))).toMatchObject({
      passed: false,
      reason:
        'overheadMs.p99 was not measured: too few samples for p99 (100 base, 100 head; need ≥ 500 a side, 5 above the percentile)',
    });
    expect(check('overheadMs.p50', through(twin(100, ['start lag p99 40 ms']), 100))).toMatchObject({
      passed: false,
      notEvaluated: true,
      reason: 'invalid measurement: the direct run is not valid (start lag p99 40 ms)',
    });
    expect(check('overheadMs.p50', runs[0]!)).toMatchObject({
      passed: false,
      reason:
        'overheadMs.p50 was not measured in this run (only a gateway: scenario with baseline: direct measures the overhead)',
    });
  });

  it('does not evaluate a relative threshold whose reference run is invalid', () => {
    const invalidDirect = makeRun({
      strategy: 'direct',
      cellId: 'c1',
      latencyMs: [1000],
      invalidReasons: ['nothing measured: no request was measured'],
      ...common,
    });
    const cached = makeRun({ strategy: 'cached', cellId: 'c1', latencyMs: [10], ...common });
    const [result] = evaluateThresholds(
      [spec({ strategy: 'cached', metric: 'latencyMs.p99', op: '<', value: 0.5, relativeTo: 'direct' })],
      [invalidDirect, cached],
    );
    expect(result).toMatchObject({ measured: 10, bound: 500, passed: false, notEvaluated: true });
  });
});

describe('thresholdExitCode', () => {
  it('is 1 when any threshold failed and 0 when all passed or there are none', () => {
    const results = evaluateThresholds([spec({ metric: 'latencyMs.p99', op: '<', value: 1500 })], runs);
    expect(thresholdExitCode({ thresholds: results, runs })).toBe(1);
    expect(thresholdExitCode({ thresholds: results.slice(0, 2), runs })).toBe(0);
    expect(thresholdExitCode({ thresholds: [], runs })).toBe(0);
  });

  it('is 3 when a run is not a valid measurement, with or without thresholds, over a failed one', () => {
    const invalid = makeRun({
      strategy: 'retry',
      cellId: 'c1',
      latencyMs: [10],
      invalidReasons: ['the load generator fell behind its schedule'],
      ...common,
    });
    const all = [...runs, invalid];
    const results = evaluateThresholds([spec({ metric: 'latencyMs.p99', op: '<', value: 1500 })], all);
    expect(results.map((r) => [r.strategy, r.cellId, r.passed, r.notEvaluated])).toEqual([
      ['direct', 'c1', true, undefined],
      ['cached', 'c1', true, undefined],
      ['direct', 'c2', false, undefined],
      ['cached', 'c2', false, undefined],
      ['retry', 'c1', false, true],
    ]);
    expect(thresholdExitCode({ thresholds: results, runs: all })).toBe(3);
    expect(thresholdExitCode({ thresholds: [], runs: [invalid] })).toBe(3);
  });
});
