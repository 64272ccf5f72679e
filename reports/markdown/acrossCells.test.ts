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

/** One strategy across swept open-loop rates, as `params` holds them: per second. */
function rateResults(): ResultsFile {
  const base = loadFixture('realtime.json');
  const runs = [1 / 60, 20 / 60, 2].map((rate, i) =>
    makeRun({
      strategy: 'direct',
      cellId: ['rate=1/min', 'rate=20/min', 'rate=2/s'][i] as string,
      params: { rate },
      latencyMs: [100],
      windowMs: 60_000,
      inputTokens: 1,
      outputTokens: 1,
    }),
  );
  return { ...base, runs, thresholds: [] };
}

describe('acrossCells', () => {
  it('labels swept rates as cell ids do, with their unit', () => {
    const labels = acrossCells(rateResults())
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| rate') && !line.startsWith('| -'))
      .map((line) => line.split('|')[1]?.trim());
    expect(labels).toEqual(['1/min', '20/min', '2/s']);
  });

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
  it('names swept rates on the x axis with their unit', () => {
    expect(throughputCharts(rateResults())).toContain('  x-axis "rate" ["1/min", "20/min", "2/s"]\n');
  });

  it('draws one chart per value of the other swept parameter, x axis the first numeric one', () => {
    const text = throughputCharts(twoParamResults());
    expect(text).toContain('title "throughput (req/min) by maxTokens, concurrency=5"');
    expect(text).toContain('title "throughput (req/min) by maxTokens, concurrency=50"');
    expect(text).toContain(
      '  x-axis "maxTokens" [256, 1024]\n  y-axis "req/min" 0 --> 150\n  line [100, 100]',
    );
  });
});
