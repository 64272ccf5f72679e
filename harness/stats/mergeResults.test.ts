import { describe, expect, it } from 'vitest';
import { InputError } from '../../base/errors.ts';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { makeRun } from '../../test/fixtures/results/makeRun.ts';
import type { ResolvedScenario } from '../scenario/types.ts';
import { combineSummariesUpperBound, firstDifference, mergeResults, mergeRuns } from './mergeResults.ts';
import { summarize } from './summarize.ts';

const shards = () => [
  { file: 'a.json', results: loadFixture('shard-a.json') },
  { file: 'b.json', results: loadFixture('shard-b.json') },
];

describe('mergeResults', () => {
  it('recomputes percentiles from the concatenated samples, never from the shards’ percentiles', () => {
    const [a, b] = shards();
    const merged = mergeResults(shards());
    const direct = merged.runs.find((r) => r.strategy === 'direct');
    const samples = [
      ...(a?.results.runs[0]?.samples.latencyMs ?? []),
      ...(b?.results.runs[0]?.samples.latencyMs ?? []),
    ];
    expect(samples).toHaveLength(120);
    expect(direct?.metrics.latencyMs).toEqual(summarize(samples));
    expect(direct?.samples.latencyMs).toEqual(samples);
    const averaged =
      ((a?.results.runs[0]?.metrics.latencyMs?.p99 ?? 0) +
        (b?.results.runs[0]?.metrics.latencyMs?.p99 ?? 0)) /
      2;
    expect(direct?.metrics.latencyMs?.p99).not.toBe(averaged);
  });

  it('sums counters, cost and rates, and keeps the longest window', () => {
    const [a, b] = shards();
    const ra = a?.results.runs[0]?.metrics;
    const rb = b?.results.runs[0]?.metrics;
    const merged = mergeResults(shards()).runs[0]?.metrics;
    expect(merged?.requests).toEqual({ total: 124, ok: 120, failed: 4, byOutcome: { overloaded: 4 } });
    expect(merged?.errorRate).toBeCloseTo(4 / 124, 12);
    expect(merged?.costUsd).toBeCloseTo((ra?.costUsd ?? 0) + (rb?.costUsd ?? 0), 12);
    expect(merged?.throughput.requestsPerMin).toBeCloseTo(
      (ra?.throughput.requestsPerMin ?? 0) + (rb?.throughput.requestsPerMin ?? 0),
      9,
    );
    expect(merged?.windowMs).toBe(Math.max(ra?.windowMs ?? 0, rb?.windowMs ?? 0));
  });

  it('keeps runs found in only one shard unchanged, in order of first appearance', () => {
    const merged = mergeResults(shards());
    expect(merged.runs.map((r) => r.strategy)).toEqual(['direct', 'retry', 'batched']);
    expect(merged.runs[1]).toEqual(loadFixture('shard-a.json').runs[1]);
    expect(merged.runs[2]).toEqual(loadFixture('shard-b.json').runs[1]);
    expect(merged.startedAt).toBe('2026-01-14T08:00:00.000Z');
    expect(merged.finishedAt).toBe('2026-01-14T08:00:09.321Z');
  });

  it('refuses shards of different seeds (or names, or modes) with a message naming each file', () => {
    const other = { file: 'c.json', results: loadFixture('shard-other-seed.json') };
    expect(() => mergeResults([...shards(), other])).toThrow(InputError);
    expect(() => mergeResults([...shards(), other])).toThrow(
      'shards are not of one scenario: seed differs (a.json: 11, b.json: 11, c.json: 12)',
    );
    const renamed = loadFixture('shard-b.json');
    renamed.scenario.name = 'other';
    expect(() => mergeResults([shards()[0]!, { file: 'b.json', results: renamed }])).toThrow(
      /scenario name differs/,
    );
  });

  it('refuses shards of another claude-bench version or another scenario content, naming the difference and both files', () => {
    const newer = loadFixture('shard-b.json');
    newer.tool.version = '0.2.0';
    expect(() => mergeResults([shards()[0]!, { file: 'b.json', results: newer }])).toThrow(
      'shards are not of one scenario: claude-bench version differs (a.json: "0.1.0", b.json: "0.2.0")',
    );
    const edited = loadFixture('shard-b.json');
    (edited.scenario.resolved as { workload: { maxTokens: number[] } }).workload.maxTokens = [512];
    expect(() => mergeResults([...shards(), { file: 'c.json', results: edited }])).toThrow(
      'shards are not of one scenario: the scenario as run differs at workload.maxTokens[0] (a.json: 256, c.json: 512); merge only shards run from the same scenario file',
    );
    const moved = loadFixture('shard-b.json');
    (moved.scenario.resolved as { file: string }).file = '/elsewhere/sharded-load.yaml';
    expect(mergeResults([shards()[0]!, { file: 'b.json', results: moved }]).runs).toHaveLength(3);
  });

  it('judges validity again on the merged runs, with the scenario’s limits, and carries an invalid shard’s judgement to thresholds', () => {
    const lagged = () => {
      const [a, b] = shards().map(({ file, results }) => {
        const resolved = results.scenario.resolved as ResolvedScenario;
        resolved.thresholds = [{ source: 'p99 < 10s', metric: 'latencyMs.p99', op: '<', value: 10_000 }];
        // Both shards say valid, as a results file written under older rules may: lag p99 30 ms.
        results.runs[0]!.metrics.schedule = {
          loop: 'open',
          targetRatePerSec: 5,
          drawnRatePerSec: 5,
          achievedRatePerSec: 5,
          dispatchLagMs: { ...summarize([0.1, 0.2]), p99: file === 'a.json' ? 30 : 2, max: 30 },
          lateStarts: 1,
        };
        return { file, results };
      });
      return [a!, b!];
    };
    const merged = mergeResults(lagged());
    expect(merged.runs[0]?.valid).toBe(false);
    expect(merged.runs[0]?.invalidReasons).toEqual([
      'merged run: the load generator fell behind its schedule: start lag p99 30.0 ms is above the limit of 10.0 ms (p50 0.1 ms, max 30.0 ms)',
    ]);
    expect(merged.runs.slice(1).map((r) => r.valid)).toEqual([true, true]);
    expect(merged.thresholds.map((t) => [t.strategy, t.passed, t.notEvaluated ?? false])).toEqual([
      ['direct', false, true],
      ['retry', true, false],
      ['batched', true, false],
    ]);

    const loose = lagged();
    for (const { results } of loose) {
      (results.scenario.resolved as ResolvedScenario).validity = {
        startLagP99Ms: 50,
        offeredRateTolerance: 0.02,
      };
    }
    expect(mergeResults(loose).runs[0]?.valid).toBe(true);

    const carried = shards();
    carried[1]!.results.runs[0]!.valid = false;
    carried[1]!.results.runs[0]!.invalidReasons = ['nothing measured: no request was measured'];
    const withInvalidShard = mergeResults(carried);
    expect(withInvalidShard.runs[0]?.valid).toBe(false);
    expect(withInvalidShard.runs[0]?.invalidReasons).toEqual([
      'b.json: nothing measured: no request was measured',
    ]);
  });

  it('firstDifference names the first differing path, or nothing for equal values', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toEqual({
      path: 'a[1].b',
      a: 2,
      b: 3,
    });
    expect(firstDifference({ a: 1 }, { a: 1, c: 2 })).toEqual({ path: 'c', a: undefined, b: 2 });
    expect(firstDifference({ a: [1] }, { a: [1] })).toBeUndefined();
  });

  it('refuses runs that did not keep all their raw samples', () => {
    const trimmed = loadFixture('shard-b.json');
    trimmed.runs[0]!.samples.latencyMs = trimmed.runs[0]!.samples.latencyMs.slice(0, 10);
    expect(() => mergeResults([shards()[0]!, { file: 'b.json', results: trimmed }])).toThrow(
      'b.json: run direct in concurrency=5 keeps 10 raw latency samples for 60 measured requests; merging needs every sample',
    );
  });
});

describe('mergeRuns', () => {
  const common = { strategy: 's', cellId: 'c', windowMs: 1000, inputTokens: 1, outputTokens: 1 };

  it('merges TTFT from samples and marks the merged run invalid with the shard named', () => {
    const a = makeRun({ ...common, latencyMs: [10, 20], ttftMs: [1, 2] });
    const b = makeRun({ ...common, latencyMs: [30], ttftMs: [3], invalidReasons: ['generator fell behind'] });
    const merged = mergeRuns([
      { file: 'a.json', run: a },
      { file: 'b.json', run: b },
    ]);
    expect(merged.metrics.ttftMs).toEqual(summarize([1, 2, 3]));
    expect(merged.valid).toBe(false);
    expect(merged.invalidReasons).toEqual(['b.json: generator fell behind']);
  });
});

describe('combineSummariesUpperBound', () => {
  it('pools count, mean and stddev exactly and bounds percentiles by the largest shard value', () => {
    const x = [1, 2, 3, 4];
    const y = [10, 20];
    const combined = combineSummariesUpperBound([summarize(x), summarize(y)]);
    const exact = summarize([...x, ...y]);
    expect(combined.count).toBe(6);
    expect(combined.mean).toBeCloseTo(exact.mean, 12);
    expect(combined.stddev).toBeCloseTo(exact.stddev, 12);
    expect([combined.min, combined.max]).toEqual([1, 20]);
    expect(combined.p50).toBeGreaterThanOrEqual(exact.p50);
  });
});
