import { describe, expect, it } from 'vitest';
import { InputError } from '../../../base/errors.ts';
import { loadFixture } from '../../../test/fixtures/results/loadFixture.ts';
import { makeRun } from '../../../test/fixtures/results/makeRun.ts';
import type { ResultsFile, RunResult } from '../../results/ResultsFile.ts';
import { lag1Autocorrelation } from '../autocorrelation.ts';
import { holmAdjust } from '../holmAdjust.ts';
import { welchTTest } from '../welchTTest.ts';
import { type Comparison, comparisonExitCode } from './Comparison.ts';
import { compareResults } from './compareResults.ts';

function verdicts(c: Comparison): string[] {
  return c.runs.flatMap((r) =>
    r.metrics
      .filter((m) => m.verdict !== 'unchanged')
      .map((m) => `${r.strategy}/${r.cellId}/${m.metric}: ${m.verdict}`),
  );
}

describe('compareResults, deterministic (simulated, same seed and scenario)', () => {
  it('finds every metric unchanged between two runs of the same code', () => {
    const c = compareResults(loadFixture('simulated.json'), loadFixture('simulated-unchanged.json'));
    expect(c.kind).toBe('deterministic');
    expect(c.summary).toMatch(/^deterministic comparison \(simulated, seed 42\)/);
    expect(c.counts).toEqual({ improved: 0, regressed: 0, unchanged: 40, inconclusive: 0 });
    expect(c.warnings).toEqual([]);
  });

  it('flags the one strategy whose latency grew 12% as regressed, throughput included', () => {
    const c = compareResults(loadFixture('simulated.json'), loadFixture('simulated-regressed.json'));
    expect(verdicts(c)).toEqual([
      'batched/maxTokens=1024/latencyMs.mean: regressed',
      'batched/maxTokens=1024/latencyMs.p99: regressed',
      'batched/maxTokens=1024/throughput.requestsPerMin: regressed',
    ]);
    const p99 = c.runs[6]?.metrics[1];
    expect(p99).toMatchObject({ baseline: 4446.2, current: 4979.7, method: 'deterministic' });
    expect(p99?.deltaPct).toBeCloseTo(11.9986, 3);
  });

  it('flags a faster strategy as improved in every cell', () => {
    const c = compareResults(loadFixture('simulated.json'), loadFixture('simulated-improved.json'));
    expect(c.counts).toEqual({ improved: 6, regressed: 0, unchanged: 34, inconclusive: 0 });
    expect(verdicts(c).every((v) => v.startsWith('retry/') && v.endsWith('improved'))).toBe(true);
  });
});

describe('compareResults, statistical', () => {
  it('calls noisy realtime runs with 40 samples inconclusive rather than guessing', () => {
    const c = compareResults(loadFixture('realtime.json'), loadFixture('realtime-noisy-head.json'));
    expect(c.kind).toBe('statistical');
    expect(c.counts).toEqual({ improved: 0, regressed: 0, unchanged: 1, inconclusive: 9 });
    const [mean, p99, , , cost] = c.runs[0]?.metrics ?? [];
    expect(mean).toMatchObject({ metric: 'latencyMs.mean', method: 'welch-t', verdict: 'inconclusive' });
    expect(mean?.reason).toMatch(/^too noisy to tell/);
    expect(p99?.reason).toBe(
      'too few samples for p99 (40 base, 40 head; need ≥ 500 a side, 5 above the percentile)',
    );
    expect(cost).toMatchObject({ metric: 'costUsd', method: 'none', verdict: 'inconclusive' });
    expect(cost?.reason).toBe(
      'no samples to test: not judged in a statistical comparison (Δ shown for information)',
    );
  });

  it('detects a 40% slower realtime run with 600 samples: mean, p99 and throughput regressed', () => {
    const c = compareResults(
      loadFixture('realtime-large-base.json'),
      loadFixture('realtime-large-regressed.json'),
    );
    expect(c.runs[0]?.metrics.map((m) => [m.metric, m.method, m.verdict])).toEqual([
      ['latencyMs.mean', 'welch-t', 'regressed'],
      ['latencyMs.p99', 'bootstrap', 'regressed'],
      ['throughput.requestsPerMin', 'poisson-rate', 'regressed'],
      ['errorRate', 'two-proportion-z', 'unchanged'],
      ['costUsd', 'none', 'inconclusive'],
    ]);
    expect(c.tests).toBe(4);
  });

  it('compares goodput per minute by default when the runs measured it, as a Poisson rate of good requests', () => {
    const withGoodput = (file: string, good: number): ResultsFile => {
      const results = loadFixture(file);
      for (const run of results.runs) {
        const perSec = (good * 1000) / run.metrics.windowMs;
        run.metrics.goodput = {
          requests: good,
          ratio: good / run.metrics.requests.total,
          requestsPerSec: perSec,
          requestsPerMin: perSec * 60,
        };
      }
      return results;
    };
    const c = compareResults(
      withGoodput('realtime-large-base.json', 500),
      withGoodput('realtime-large-regressed.json', 300),
    );
    expect(c.runs[0]?.metrics.map((m) => [m.metric, m.method, m.verdict])).toEqual([
      ['latencyMs.mean', 'welch-t', 'regressed'],
      ['latencyMs.p99', 'bootstrap', 'regressed'],
      ['throughput.requestsPerMin', 'poisson-rate', 'regressed'],
      ['goodput.requestsPerMin', 'poisson-rate', 'regressed'],
      ['errorRate', 'two-proportion-z', 'unchanged'],
      ['costUsd', 'none', 'inconclusive'],
    ]);
  });

  it('is reproducible: the same files give the same bootstrap intervals', () => {
    const a = compareResults(loadFixture('realtime.json'), loadFixture('realtime-noisy-head.json'));
    const b = compareResults(loadFixture('realtime.json'), loadFixture('realtime-noisy-head.json'));
    expect(a).toEqual(b);
  });

  it('applies Holm across tests: a p ≈ 0.01 regression alone counts, among six tests it does not', () => {
    // A spread of 20 values in a scrambled order: no positive serial correlation to correct for.
    const base = Array.from({ length: 20 }, (_, i) => 1000 + 50 * (((i * 7) % 20) - 9.5));
    expect(lag1Autocorrelation(base)).toBeLessThan(0.1);
    const se = welchTTest(
      base,
      base.map((x) => x + 1),
    ).standardError;
    const head = base.map((x) => x + 2.7 * se);
    const run = (strategy: string, latencyMs: number[]): RunResult =>
      makeRun({ strategy, cellId: 'default', latencyMs, windowMs: 60_000, inputTokens: 1, outputTokens: 1 });
    const file = (runs: RunResult[]): ResultsFile => ({
      ...loadFixture('realtime.json'),
      runs,
      thresholds: [],
    });
    const quiet = ['b', 'c', 'd', 'e', 'f'];
    const alone = compareResults(file([run('a', base)]), file([run('a', head)]), { metrics: ['mean'] });
    const p = alone.runs[0]?.metrics[0]?.pValue as number;
    expect(p).toBeGreaterThan(0.008);
    expect(p).toBeLessThan(0.0125);
    expect(alone.runs[0]?.metrics[0]?.verdict).toBe('regressed');

    const family = compareResults(
      file([run('a', base), ...quiet.map((s) => run(s, base))]),
      file([run('a', head), ...quiet.map((s) => run(s, base))]),
      { metrics: ['mean'] },
    );
    const ps = family.runs.map((r) => r.metrics[0]?.pValue as number);
    expect(family.runs.map((r) => r.metrics[0]?.adjustedPValue)).toEqual(holmAdjust(ps));
    expect(family.runs[0]?.metrics[0]?.adjustedPValue).toBeCloseTo(6 * p, 12);
    expect(family.runs[0]?.metrics[0]?.verdict).toBe('inconclusive');
    expect(family.tests).toBe(6);
  });

  it('refuses a verdict with too few samples or on an invalid run', () => {
    const base = loadFixture('realtime.json');
    const head = loadFixture('realtime-noisy-head.json');
    head.runs[1]!.valid = false;
    head.runs[1]!.invalidReasons = ['achieved 2/s of the 5/s target'];
    const c = compareResults(base, head, { metrics: ['mean'], minSamples: 50 });
    expect(c.runs.map((r) => r.metrics[0]?.reason)).toEqual([
      'too few samples (40 base, 40 head; need ≥ 50 a side)',
      'invalid measurement: head: achieved 2/s of the 5/s target',
    ]);
    expect(c.counts.inconclusive).toBe(2);
    expect(c.invalid).toEqual([
      { side: 'head', strategy: 'retry', cellId: 'default', reasons: ['achieved 2/s of the 5/s target'] },
    ]);
    expect(comparisonExitCode(c)).toBe(3);
    expect(comparisonExitCode(c, 'none')).toBe(3);
  });
});

describe('compareResults, serially correlated samples', () => {
  it('shrinks the effective sample size when latencies come in correlated stretches', () => {
    // Ten requests in a row share each latency (a batch finishing together): 10× fewer independent values.
    const stretch = (offset: number) =>
      Array.from({ length: 200 }, (_, i) => 1000 + offset + 100 * (((Math.floor(i / 10) * 7) % 20) - 9.5));
    const run = (latencyMs: number[]): RunResult =>
      makeRun({
        strategy: 'batched',
        cellId: 'default',
        latencyMs,
        windowMs: 60_000,
        inputTokens: 1,
        outputTokens: 1,
      });
    const file = (r: RunResult): ResultsFile => ({
      ...loadFixture('realtime.json'),
      runs: [r],
      thresholds: [],
    });
    const [mean] =
      compareResults(file(run(stretch(0))), file(run(stretch(200))), { metrics: ['mean'] }).runs[0]
        ?.metrics ?? [];
    const naive = welchTTest(stretch(0), stretch(200));
    expect(naive.pValue).toBeLessThan(0.001);
    expect(mean?.pValue).toBeGreaterThan(0.01);
    expect(mean?.reason).toMatch(/\[serial correlation 0\.\d+ \/ 0\.\d+: effective n \d+ \/ \d+\]$/);
  });
});

describe('compareResults, matching and warnings', () => {
  it('lists runs only in one file and warns about different scenarios and machines', () => {
    const base = loadFixture('shard-a.json');
    const head = loadFixture('shard-b.json');
    head.scenario.name = 'renamed';
    head.environment.cpu = 'Apple M2';
    const c = compareResults(base, head);
    expect(c.runs.map((r) => r.strategy)).toEqual(['direct']);
    expect(c.added).toEqual([{ strategy: 'batched', cellId: 'concurrency=5' }]);
    expect(c.removed).toEqual([{ strategy: 'retry', cellId: 'concurrency=5' }]);
    expect(c.warnings).toEqual([
      'different scenarios: base "sharded-load", head "renamed"; runs are matched by strategy and cell anyway',
      'measured on different machines (AMD EPYC 7763 64-Core Processor vs Apple M2): realtime figures compare best on one machine, back to back',
    ]);
  });

  it('compares simulated runs with different seeds statistically, and says so', () => {
    const head = loadFixture('simulated-unchanged.json');
    head.seed = 43;
    const c = compareResults(loadFixture('simulated.json'), head, { metrics: ['p99'], resamples: 200 });
    expect(c.kind).toBe('statistical');
    expect(c.warnings[0]).toBe(
      'different seeds (base 42, head 43): the workloads differ (prompts and draws come from the seed), so differences mix workload and code; compared statistically',
    );
  });

  it('rejects an unknown metric name with the accepted names', () => {
    expect(() =>
      compareResults(loadFixture('realtime.json'), loadFixture('realtime.json'), { metrics: ['p42'] }),
    ).toThrow(InputError);
  });
});
