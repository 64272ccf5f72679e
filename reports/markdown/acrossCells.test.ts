import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { makeRun } from '../../test/fixtures/results/makeRun.ts';
import { acrossCells } from './acrossCells.ts';
import { throughputCharts } from './charts.ts';

function twoParamResults(): ResultsFile {
  const base = loadFixture('realtime.json');
  const runs = [];
  for (const maxTokens of [256, 1024]) {
    for (const concurrency of [5, 50]) {
      const p99 = maxTokens + concurrency;
      runs.push(
        makeRun({
          strategy: 'direct',
          cellId: `maxTokens=${maxTokens},concurrency=${concurrency}`,
          params: { maxTokens, concurrency },
          latencyMs: [1, p99],
          windowMs: 60_000 / concurrency,
          inputTokens: 1,
          outputTokens: 1,
        }),
      );
    }
  }
  return { ...base, runs, thresholds: [] };
}

describe('acrossCells', () => {
  it('with two swept parameters, shows p99 and throughput as grids: rows the first, columns the second', () => {
    const text = acrossCells(twoParamResults());
    expect(text).toContain(
      [
        'p99 latency (ms):',
        '',
        '| maxTokens \\ concurrency |    5 |   50 |',
        '| ----------------------- | ---: | ---: |',
        '| 256                     |  261 |  306 |',
        '| 1024                    | 1029 | 1074 |',
      ].join('\n'),
    );
    expect(text).toContain('| 256                     | 10.0 | 100 |');
  });

  it('is empty for a single cell', () => {
    expect(acrossCells(loadFixture('realtime.json'))).toBe('');
  });
});

describe('throughputCharts', () => {
  it('draws one chart per value of the other swept parameter, x axis the first numeric one', () => {
    const text = throughputCharts(twoParamResults());
    expect(text).toContain('title "throughput (req/min) by maxTokens, concurrency=5"');
    expect(text).toContain('title "throughput (req/min) by maxTokens, concurrency=50"');
    expect(text).toContain(
      '  x-axis "maxTokens" [256, 1024]\n  y-axis "req/min" 0 --> 150\n  line [100, 100]',
    );
  });
});
