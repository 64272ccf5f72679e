import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../base/errors.ts';
import { expandMatrix } from './expandMatrix.ts';
import { loadScenario } from './loadScenario.ts';

describe('loadScenario', () => {
  it('loads the full fixture: every section resolved', async () => {
    const scenario = await loadScenario('test/scenario/full.yaml');
    expect(scenario.name).toBe('strategies under the free tier');
    expect(scenario.file).toBe(resolve('test/scenario/full.yaml'));
    expect(scenario.seed).toBe(42);
    expect(scenario.mockPreset).toBe('free-tier');
    expect(scenario.mock.faults.streamDrop).toBe(0.05);
    expect(scenario.workload.warmupRequests).toBe(50);
    expect(scenario.workload.prompts).toEqual({
      type: 'file',
      path: resolve('test/scenario/prompts.jsonl'),
      popularity: { type: 'uniform' },
    });
    expect(scenario.strategies.map((s) => s.name)).toEqual([
      'direct',
      'seed002-retry',
      'seed004-retry',
      'batched[size=5]',
      'batched[size=10]',
      'cached+batched',
      'mine',
    ]);
    expect(scenario.baseline).toBe('direct');
    expect(scenario.slo).toEqual({ latencyMs: 2000, ttftMs: 500 });
    expect(scenario.thresholds).toEqual([
      { source: 'p99 < 2s', metric: 'latencyMs.p99', op: '<', value: 2000 },
      {
        source: 'seed002-retry: errorRate < 1%',
        strategy: 'seed002-retry',
        metric: 'errorRate',
        op: '<',
        value: 0.01,
      },
      {
        source: 'cached+batched: p99 < 0.8 x direct',
        strategy: 'cached+batched',
        metric: 'latencyMs.p99',
        op: '<',
        value: 0.8,
        relativeTo: 'direct',
      },
      {
        source: 'batched: throughput > 50/min',
        strategy: 'batched[size=5]',
        metric: 'throughput.requestsPerMin',
        op: '>',
        value: 50,
      },
      {
        source: 'batched: throughput > 50/min',
        strategy: 'batched[size=10]',
        metric: 'throughput.requestsPerMin',
        op: '>',
        value: 50,
      },
    ]);
    expect(scenario.prices['claude-sonnet-4-6']).toEqual({ inputPerMTok: 3, outputPerMTok: 16 });
    expect(scenario.references).toEqual([
      {
        strategy: 'direct',
        params: { maxTokens: 256 },
        metric: 'latencyMs.mean',
        value: 420,
        source: 'seed 002',
      },
    ]);
    expect(expandMatrix(scenario)).toHaveLength(6);
  });

  it('reports a file that does not exist by name', async () => {
    const error = await loadScenario('test/scenario/none.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map(formatProblem)).toEqual([
      'test/scenario/none.yaml: no such file',
    ]);
  });

  it('reports a directory given as a scenario', async () => {
    const error = await loadScenario('test/scenario').catch((e: unknown) => e);
    expect((error as InputError).problems.map(formatProblem)).toEqual([
      'test/scenario: is a directory, not a scenario file',
    ]);
  });

  it('reports the problems of the broken fixture with its path', async () => {
    const error = await loadScenario('test/scenario/broken.yaml').catch((e: unknown) => e);
    expect((error as InputError).problems.map(formatProblem)).toEqual([
      'test/scenario/broken.yaml:4:45: workload.arrival.concurrency[1]: expected a whole number ≥ 1, got 0',
      'test/scenario/broken.yaml:5:22: strategies[1]: expected one of direct, retry, batched, cached, cached+batched, streaming, got "retyr" (did you mean "retry"?)',
    ]);
  });
});
