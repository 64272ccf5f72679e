import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../base/errors.ts';
import { evaluateThresholds } from '../thresholds/evaluateThresholds.ts';
import { parseScenario } from './parseScenario.ts';

const FILE = path.resolve('harness/scenario/inline.yaml');
const scenario = (thresholds: string) => `
workload: { requests: 10, maxTokens: [256, 1024], arrival: { type: closed, concurrency: [1, 4] } }
strategies: [direct, retry]
thresholds:
${thresholds}
`;

describe('thresholds for some cells only', () => {
  it('resolves params to the swept cell parameters and names them in the source', () => {
    const s = parseScenario(
      scenario('  - { strategy: retry, check: "p99 < 2s", params: { maxTokens: 256 } }'),
      FILE,
    );
    expect(s.thresholds).toEqual([
      {
        source: 'retry: p99 < 2s [maxTokens=256]',
        strategy: 'retry',
        params: { maxTokens: 256 },
        metric: 'latencyMs.p99',
        op: '<',
        value: 2000,
      },
    ]);
  });

  it('names a swept rate in the source as the scenario writes it, not as a fraction per second', () => {
    const s = parseScenario(
      `
workload: { requests: 10, arrival: { type: poisson, rate: [10/min, 2/s] } }
strategies: [direct]
thresholds:
  - { check: "p99 < 2s", params: { rate: 10/min } }
`,
      FILE,
    );
    expect(s.thresholds.map((t) => t.source)).toEqual(['p99 < 2s [rate=10/min]']);
  });

  it('rejects a parameter that does not sweep, at its line and column', () => {
    try {
      parseScenario(scenario('  - { check: "p99 < 2s", params: { model: x } }'), FILE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]).toMatchObject({
        line: 5,
        column: 36,
        path: 'thresholds[0].params.model',
        message: '"model" is not a swept parameter; swept: maxTokens, concurrency',
      });
    }
  });

  it('is evaluated only on runs of matching cells', () => {
    const s = parseScenario(
      scenario('  - { check: "p99 < 2s", params: { maxTokens: 1024, concurrency: 4 } }'),
      FILE,
    );
    const run = (strategy: string, maxTokens: number, concurrency: number, p99: number) =>
      ({
        strategy,
        cellId: `c`,
        params: { concurrency, maxTokens },
        valid: true,
        samples: { latencyMs: [] },
        metrics: { latencyMs: { p99 } },
      }) as never;
    const results = evaluateThresholds(s.thresholds, [
      run('direct', 256, 4, 5000),
      run('direct', 1024, 4, 1000),
      run('retry', 1024, 4, 3000),
      run('retry', 1024, 1, 3000),
    ]);
    expect(results.map((r) => [r.strategy, r.measured, r.passed])).toEqual([
      ['direct', 1000, true],
      ['retry', 3000, false],
    ]);
  });
});
