import { describe, expect, it } from 'vitest';
import { cellIdOf, expandMatrix } from './expandMatrix.ts';
import { parseScenario } from './parseScenario.ts';
import type { WorkloadSweep } from './types.ts';

function cellsOf(workload: string) {
  return expandMatrix(parseScenario(`workload: ${workload}\n`, 'a.yaml'));
}

const PROMPTS: WorkloadSweep['prompts'] = {
  type: 'generated',
  unique: 10,
  popularity: { type: 'uniform' },
  inputTokens: { type: 'fixed', value: 100 },
};

describe('expandMatrix', () => {
  it('gives one cell with id "default" when nothing sweeps', () => {
    const cells = cellsOf('{ requests: 10, maxTokens: 512, stream: true }');
    expect(cells).toEqual([
      {
        id: 'default',
        params: {},
        workload: {
          requests: 10,
          warmupRequests: 0,
          warmupMs: 0,
          arrival: { type: 'closed', concurrency: 1, thinkTimeMs: 0 },
          prompts: {
            type: 'generated',
            unique: 100,
            popularity: { type: 'zipf', exponent: 1 },
            inputTokens: { type: 'lognormal', median: 200, sigma: 0.5 },
          },
          maxTokens: 512,
          stream: true,
          model: 'claude-sonnet-4-6',
        },
      },
    ]);
  });

  it('takes the cartesian product with the first declared axis outermost', () => {
    const cells = cellsOf('{ requests: 10, maxTokens: [256, 512], arrival: { concurrency: [5, 20, 50] } }');
    expect(cells.map((c) => c.id)).toEqual([
      'maxTokens=256,concurrency=5',
      'maxTokens=256,concurrency=20',
      'maxTokens=256,concurrency=50',
      'maxTokens=512,concurrency=5',
      'maxTokens=512,concurrency=20',
      'maxTokens=512,concurrency=50',
    ]);
    expect(cells[4]?.params).toEqual({ maxTokens: 512, concurrency: 20 });
    expect(cells[4]?.workload.maxTokens).toBe(512);
    expect(cells[4]?.workload.arrival).toEqual({ type: 'closed', concurrency: 20, thinkTimeMs: 0 });
  });

  it('sweeps a list of one value, so the field shows in the cell id', () => {
    expect(cellsOf('{ requests: 1, model: [claude-haiku-4-5] }').map((c) => [c.id, c.params])).toEqual([
      ['model=claude-haiku-4-5', { model: 'claude-haiku-4-5' }],
    ]);
  });

  it('names open-loop rates in the unit that gives a short exact number, and think times in ms', () => {
    const rates = cellsOf(
      '{ requests: 1, arrival: { type: constant, rate: [1/min, 20/min, 100/min, 2/s, 3] } }',
    );
    expect(rates.map((c) => c.id)).toEqual([
      'rate=1/min',
      'rate=20/min',
      'rate=100/min',
      'rate=2/s',
      'rate=3/s',
    ]);
    expect(rates[1]?.params).toEqual({ rate: 20 / 60 });
    const cells = cellsOf('{ requests: 1, stream: [false, true], arrival: { thinkTime: [0s, 1.5s] } }');
    expect(cells.map((c) => c.id)).toEqual([
      'stream=false,thinkTimeMs=0',
      'stream=false,thinkTimeMs=1500',
      'stream=true,thinkTimeMs=0',
      'stream=true,thinkTimeMs=1500',
    ]);
    expect(cells[3]?.params).toEqual({ stream: true, thinkTimeMs: 1500 });
  });

  it('keeps the open arrival process and its concurrency cap in every cell', () => {
    const cells = cellsOf('{ duration: 1m, arrival: { type: poisson, rate: [1, 2], maxConcurrency: 8 } }');
    expect(cells.map((c) => c.workload.arrival)).toEqual([
      { type: 'open', process: 'poisson', ratePerSec: 1, maxConcurrency: 8 },
      { type: 'open', process: 'poisson', ratePerSec: 2, maxConcurrency: 8 },
    ]);
    expect(cells[0]?.workload.durationMs).toBe(60_000);
  });

  it('sweeps every multi-valued field in the default order when the sweep records no axes', () => {
    const sweep: WorkloadSweep = {
      requests: 1,
      warmupRequests: 0,
      warmupMs: 0,
      arrival: { type: 'closed', concurrency: [1, 2], thinkTimeMs: [0] },
      prompts: PROMPTS,
      maxTokens: [256],
      stream: [false],
      model: ['a', 'b'],
    };
    expect(expandMatrix({ workload: sweep }).map((c) => c.id)).toEqual([
      'concurrency=1,model=a',
      'concurrency=1,model=b',
      'concurrency=2,model=a',
      'concurrency=2,model=b',
    ]);
  });

  it('never drops values of a field the recorded axes leave out', () => {
    const sweep: WorkloadSweep = {
      requests: 1,
      warmupRequests: 0,
      warmupMs: 0,
      arrival: { type: 'closed', concurrency: [1, 2], thinkTimeMs: [0] },
      prompts: PROMPTS,
      maxTokens: [256, 512],
      stream: [false],
      model: ['a'],
      axes: ['maxTokens'],
    };
    expect(expandMatrix({ workload: sweep }).map((c) => c.id)).toEqual([
      'maxTokens=256,concurrency=1',
      'maxTokens=256,concurrency=2',
      'maxTokens=512,concurrency=1',
      'maxTokens=512,concurrency=2',
    ]);
  });
});

describe('cellIdOf', () => {
  it('builds the id expandMatrix gives from the params, in their order', () => {
    expect(cellIdOf({})).toBe('default');
    expect(cellIdOf({ maxTokens: 256, rate: 1 / 60, stream: true })).toBe(
      'maxTokens=256,rate=1/min,stream=true',
    );
  });
});
