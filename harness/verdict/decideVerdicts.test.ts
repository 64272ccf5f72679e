import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../reports/renderMarkdown.ts';
import { renderTable } from '../../reports/renderTable.ts';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { makeRun } from '../../test/fixtures/results/makeRun.ts';
import type { ResultsFile, RunResult, ThresholdResult } from '../results/ResultsFile.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { decideVerdicts } from './decideVerdicts.ts';

/** A run of `ok` requests of `latencyMs` each over 60 s (so `ok` a minute), at `outputTokens` for its cost. */
function run(strategy: string, cell: string, ok: number, latencyMs: number, outputTokens: number): RunResult {
  const [users, tokens] = cell.split(',');
  return makeRun({
    strategy,
    cellId: cell,
    params: { concurrency: Number(users?.split('=')[1]), maxTokens: Number(tokens?.split('=')[1]) },
    latencyMs: Array.from({ length: ok }, () => latencyMs),
    windowMs: 60_000,
    inputTokens: 0,
    outputTokens,
  });
}

function results(
  runs: RunResult[],
  resolved: Record<string, unknown> = {},
  thresholds: ThresholdResult[] = [],
) {
  return {
    scenario: { name: 'v', resolved: { strategies: [], ...resolved } },
    runs,
    thresholds,
  } as unknown as ResultsFile;
}

function failed(strategy: string, cellId: string): ThresholdResult {
  return {
    source: 'errorRate < 1%',
    strategy,
    cellId,
    metric: 'errorRate',
    measured: 0.2,
    bound: 0.01,
    passed: false,
  };
}

const A = 'concurrency=5,maxTokens=256';
const B = 'concurrency=20,maxTokens=256';

describe('decideVerdicts', () => {
  it('by default: highest throughput (goodput) wins, with its change against the baseline', () => {
    const v = decideVerdicts(
      results([run('direct', A, 100, 1000, 1e6), run('batched', A, 156, 550, 1.08e6)]),
    );
    expect(v.objective).toEqual(['thresholds', 'throughput.requestsPerMin', 'costUsd']);
    expect(v.cells[0]).toMatchObject({ kind: 'winner', best: ['batched'], baseline: 'direct' });
    expect(v.cells[0]?.text).toBe(
      'concurrency=5, maxTokens=256: batched: throughput +56.0%, p99 -45.0%, cost +8.00% vs direct',
    );
  });

  it('breaks a tie within 1% with the next criterion (cost), and names the baseline when it wins', () => {
    const v = decideVerdicts(results([run('direct', A, 100, 1000, 1e6), run('retry', A, 100.5, 900, 2e6)]));
    expect(v.cells[0]?.best).toEqual(['direct']);
    expect(v.cells[0]?.text).toBe('concurrency=5, maxTokens=256: direct, the baseline, is best');
  });

  it('says a tie plainly when strategies are within 1% on every criterion', () => {
    const v = decideVerdicts(results([run('direct', A, 100, 1000, 1e6), run('retry', A, 100, 900, 1.005e6)]));
    expect(v.cells[0]).toMatchObject({ kind: 'tie', best: ['direct', 'retry'], vsBaseline: [] });
    expect(v.cells[0]?.text).toBe(
      'concurrency=5, maxTokens=256: tie between direct and retry (within 1% on throughput, then cost)',
    );
  });

  it('leaves out strategies that fail a threshold, and says so when none meets them', () => {
    const runs = [run('direct', A, 100, 1000, 1e6), run('batched', A, 150, 500, 1e6)];
    const one = decideVerdicts(results(runs, {}, [failed('batched', A)]));
    expect(one.cells[0]?.best).toEqual(['direct']);
    const none = decideVerdicts(results(runs, {}, [failed('batched', A), failed('direct', A)]));
    expect(none.cells[0]).toMatchObject({ kind: 'none-pass', best: ['batched'] });
    expect(none.cells[0]?.text).toBe(
      'concurrency=5, maxTokens=256: no strategy meets the thresholds; best on throughput, then cost: batched: throughput +50.0%, p99 -50.0%, cost 0% vs direct',
    );
  });

  it('ranks on the scenario’s objective and compares to its baseline', () => {
    const runs = [
      run('direct', A, 100, 1000, 1e6),
      run('fast', A, 90, 400, 3e6),
      run('cheap', A, 120, 2000, 0.5e6),
    ];
    const v = decideVerdicts(results(runs, { objective: ['latencyMs.p99'], baseline: 'cheap' }));
    expect(v.objective).toEqual(['thresholds', 'latencyMs.p99']);
    expect(v.cells[0]?.text).toBe('concurrency=5, maxTokens=256: fast: p99 -80.0%, cost +500.0% vs cheap');
    const byCost = decideVerdicts(results(runs, { objective: ['costUsd'] }));
    expect(byCost.cells[0]?.best).toEqual(['cheap']);
  });

  it('gives no verdict where no run is a valid measurement', () => {
    const bad = { ...run('direct', A, 100, 1000, 1e6), valid: false };
    expect(decideVerdicts(results([bad])).cells[0]?.text).toBe(
      'concurrency=5, maxTokens=256: no verdict: no strategy made a valid measurement',
    );
  });

  it('summarises where the winner changes: by one swept parameter, or in every cell', () => {
    const runs = [
      run('direct', A, 100, 1000, 1e6),
      run('batched', A, 150, 1000, 1e6),
      run('direct', B, 100, 1000, 1e6),
      run('cached', B, 200, 1000, 1e6),
    ];
    expect(decideVerdicts(results(runs)).summary).toBe(
      'The winner changes with concurrency: batched at concurrency=5, cached at concurrency=20.',
    );
    const same = [
      run('direct', A, 100, 1, 1),
      run('x', A, 200, 1, 1),
      run('direct', B, 100, 1, 1),
      run('x', B, 200, 1, 1),
    ];
    expect(decideVerdicts(results(same)).summary).toBe('x wins in every cell.');
  });

  it('is printed in the terminal and opens report.md', () => {
    const base = loadFixture('simulated.json');
    const r: ResultsFile = {
      ...base,
      runs: [run('direct', A, 100, 1000, 1e6), run('batched', A, 156, 550, 1.08e6)],
      thresholds: [],
    };
    delete r.verdicts;
    expect(renderTable(r)).toContain(
      'verdict (thresholds, then throughput, then cost):\n  concurrency=5, maxTokens=256:\n    batched: throughput +56.0%, p99 -45.0%, cost +8.00% vs direct',
    );
    const md = renderMarkdown(r);
    expect(md.indexOf('## Verdict')).toBeLessThan(md.indexOf('## Results by cell'));
    expect(md).toContain(
      '| concurrency=5, maxTokens=256 | `batched` | throughput +56.0%, p99 -45.0%, cost +8.00% vs `direct` |',
    );
  });
});

describe('objective: in a scenario', () => {
  it('resolves metric names (goodput means goodput a minute) and refuses unknown ones, naming the item', () => {
    const yaml = (objective: string) => `objective: ${objective}\nworkload: { requests: 1 }\n`;
    expect(parseScenario(yaml('[goodput, p99, cost]'), 'x.yaml').objective).toEqual([
      'goodput.requestsPerMin',
      'latencyMs.p99',
      'costUsd',
    ]);
    expect(parseScenario(yaml('p50'), 'x.yaml').objective).toEqual(['latencyMs.p50']);
    expect(() => parseScenario(yaml('[p99, speed]'), 'x.yaml')).toThrow(
      /x\.yaml:1:\d+: objective\[1\]: unknown metric "speed"/,
    );
  });
});
