import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { matchReference, referencesSection } from './referencesSection.ts';

describe('published vs measured', () => {
  it('matches a reference by strategy and a subset of the cell parameters', () => {
    const runs = loadFixture('simulated.json').runs;
    const all = matchReference({ strategy: 'batched', params: {}, metric: 'latencyMs.p99', value: 1 }, runs);
    expect(all.map((r) => r.cellId)).toEqual(['maxTokens=256', 'maxTokens=1024']);
    const one = matchReference(
      { strategy: 'batched', params: { maxTokens: 1024 }, metric: 'x', value: 1 },
      runs,
    );
    expect(one.map((r) => r.cellId)).toEqual(['maxTokens=1024']);
  });

  it('matches parameters that do not sweep against the scenario’s fixed value', () => {
    const results = loadFixture('realtime.json');
    const scenario = results.scenario.resolved as { references: unknown[] };
    scenario.references = [
      {
        strategy: 'direct',
        params: { concurrency: 5 },
        metric: 'latencyMs.p99',
        value: 3500,
        source: 'seed 000',
      },
      {
        strategy: 'direct',
        params: { concurrency: 50 },
        metric: 'latencyMs.p99',
        value: 210,
        source: 'seed 003',
      },
    ];
    expect(referencesSection(results).split('\n').slice(2, 4)).toEqual([
      '| seed 000 | direct   | concurrency=5  | latencyMs.p99 |   3500 ms |  5638 ms |     +61.1% |',
      '| seed 003 | direct   | concurrency=50 | latencyMs.p99 |    210 ms |  not run |          – |',
    ]);
  });
});
