import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../base/errors.ts';
import {
  DEFAULT_BATCH,
  DEFAULT_CACHE,
  DEFAULT_RETRY,
  PRESET_STRATEGIES,
  type StrategySpec,
} from '../strategies/options.ts';
import { parseScenario } from './parseScenario.ts';

function strategiesOf(yaml: string, file = 'a.yaml', mode = 'simulated'): readonly StrategySpec[] {
  const header = mode === 'simulated' ? '' : `mode: ${mode}\n`;
  return parseScenario(`${header}workload: { requests: 1 }\nstrategies:\n${yaml}`, file).strategies;
}

describe('strategies', () => {
  it('rejects the connection policy in simulated mode, where there are no sockets', () => {
    expect(() => strategiesOf('  - { name: c, use: [ { connection: { keepAlive: false } } ] }\n')).toThrow(
      'a.yaml:3:23: strategies[0].use[0]: the connection policy only applies to real sockets: use it with mode: realtime, or remove it (a simulated run has no connections)',
    );
  });

  it('takes promptCache options in use:, as every other policy', () => {
    expect(strategiesOf('  - { name: p, use: [ { promptCache: { ttl: 1h } } ] }\n')).toEqual([
      { kind: 'policies', name: 'p', policies: [{ type: 'promptCache', options: { ttl: '1h' } }] },
    ]);
  });

  it('resolves preset names to the preset policies', () => {
    expect(strategiesOf('  - direct\n  - cached+batched\n')).toEqual([
      { kind: 'policies', name: 'direct', policies: [] },
      { kind: 'policies', name: 'cached+batched', policies: PRESET_STRATEGIES['cached+batched'] },
    ]);
  });

  it("expresses seed 002's retry: 0.5 s base, 60 s cap, 10% jitter", () => {
    const [strategy] = strategiesOf(
      '  - { name: s2, use: [ { retry: { base: 0.5s, cap: 60s, jitter: 10% } } ] }\n',
    );
    expect(strategy).toEqual({
      kind: 'policies',
      name: 's2',
      policies: [
        {
          type: 'retry',
          options: {
            ...DEFAULT_RETRY,
            baseMs: 500,
            capMs: 60_000,
            jitter: { type: 'proportional', ratio: 0.1 },
          },
        },
      ],
    });
  });

  it("expresses seed 004's retry: statuses 429/500/502/503/504, backoff factor 1 (1 s base)", () => {
    const [strategy] = strategiesOf(
      '  - { name: s4, use: [ { retry: { attempts: 5, base: 1s, retryOn: [429, 500, 502, 503, 504] } } ] }\n',
    );
    expect(strategy).toEqual({
      kind: 'policies',
      name: 's4',
      policies: [
        {
          type: 'retry',
          options: {
            ...DEFAULT_RETRY,
            maxAttempts: 5,
            baseMs: 1000,
            retryOnStatuses: [429, 500, 502, 503, 504],
          },
        },
      ],
    });
  });

  it('maps every policy option name to its resolved field and unit', () => {
    const [strategy] = strategiesOf(
      [
        '  - name: all',
        '    use:',
        '      - { timeout: 30s }',
        '      - { circuitBreaker: { failures: 3, openFor: 10s } }',
        '      - { concurrency: { max: 3, maxQueue: 10 } }',
        '      - { rateLimit: { algorithm: leaky-bucket, rate: 20/min, inputTokens: 600/min, burst: 2 } }',
        '      - { cache: { ttl: 5m, max: 1000, coalesce: false } }',
        '      - { batch: { size: 4, maxWait: 0.2s, delimiter: "|" } }',
        '      - { stream: { onDrop: fail, maxRestarts: 0, idleTimeout: 5s } }',
        '      - { connection: { keepAlive: false, maxSockets: 10 } }',
        '      - { retry: { multiplier: 3, jitter: equal, honorRetryAfter: false, maxRetryAfter: 2m } }',
        '',
      ].join('\n'),
      'a.yaml',
      'realtime',
    );
    expect(strategy?.kind === 'policies' ? strategy.policies : []).toEqual([
      { type: 'timeout', options: { timeoutMs: 30_000 } },
      { type: 'circuitBreaker', options: { failureThreshold: 3, openMs: 10_000 } },
      { type: 'concurrency', options: { maxInFlight: 3, maxQueue: 10 } },
      {
        type: 'rateLimit',
        options: { algorithm: 'leaky-bucket', requestsPerSec: 1 / 3, inputTokensPerSec: 10, burst: 2 },
      },
      { type: 'cache', options: { ttlMs: 300_000, maxEntries: 1000, coalesce: false } },
      { type: 'batch', options: { size: 4, maxWaitMs: 200, delimiter: '|' } },
      { type: 'stream', options: { onDrop: 'fail', maxRestarts: 0, idleTimeoutMs: 5000 } },
      { type: 'connection', options: { keepAlive: false, maxSockets: 10 } },
      {
        type: 'retry',
        options: {
          ...DEFAULT_RETRY,
          multiplier: 3,
          jitter: { type: 'equal' },
          honorRetryAfter: false,
          maxRetryAfterMs: 120_000,
        },
      },
    ]);
  });

  it('reads rateLimit bursts as counts: burst in requests, inputTokensBurst and outputTokensBurst in tokens', () => {
    const [strategy] = strategiesOf(
      '  - { name: r, use: [ { rateLimit: { rate: 60/min, burst: 5, inputTokens: 6000/min, inputTokensBurst: 500, outputTokens: 1/s, outputTokensBurst: 2048 } } ] }\n',
    );
    expect(strategy?.kind === 'policies' ? strategy.policies : []).toEqual([
      {
        type: 'rateLimit',
        options: {
          algorithm: 'token-bucket',
          requestsPerSec: 1,
          burst: 5,
          inputTokensPerSec: 100,
          inputTokensBurst: 500,
          outputTokensPerSec: 1,
          outputTokensBurst: 2048,
        },
      },
    ]);
  });

  it('rejects a burst without the limit it counts for, pointing a token limit at its own burst option', () => {
    expect(() =>
      strategiesOf('  - { name: r, use: [ { rateLimit: { inputTokens: 600/min, burst: 2 } } ] }\n'),
    ).toThrow(
      'a.yaml:3:67: strategies[0].use[0].rateLimit.burst: burst counts requests of the rate limit, which is not set: set rate (for a token limit, use inputTokensBurst or outputTokensBurst, in tokens), or remove burst',
    );
    expect(() =>
      strategiesOf('  - { name: r, use: [ { rateLimit: { rate: 1/s, outputTokensBurst: 100 } } ] }\n'),
    ).toThrow('outputTokensBurst counts output tokens of the outputTokens limit, which is not set');
  });

  it('accepts a policy with no options written (`- retry:`) as its defaults', () => {
    const [strategy] = strategiesOf('  - name: r\n    use:\n      - retry:\n');
    expect(strategy).toEqual({
      kind: 'policies',
      name: 'r',
      policies: [{ type: 'retry', options: DEFAULT_RETRY }],
    });
  });

  it('expands a list in a policy option into variants named after the value as written', () => {
    const names = strategiesOf(
      '  - { name: batched, use: [ { batch: { size: [5, 10], maxWait: [100ms, 1s] } }, retry ] }\n',
    ).map((s) => s.name);
    expect(names).toEqual([
      'batched[size=5,maxWait=100ms]',
      'batched[size=5,maxWait=1s]',
      'batched[size=10,maxWait=100ms]',
      'batched[size=10,maxWait=1s]',
    ]);
  });

  it('gives each variant its own option values and leaves the other policies alone', () => {
    const strategies = strategiesOf('  - { name: b, use: [ { batch: { size: [5, 10] } }, retry ] }\n');
    expect(strategies).toEqual([
      {
        kind: 'policies',
        name: 'b[size=5]',
        policies: [
          { type: 'batch', options: { ...DEFAULT_BATCH, size: 5 } },
          { type: 'retry', options: DEFAULT_RETRY },
        ],
      },
      {
        kind: 'policies',
        name: 'b[size=10]',
        policies: [
          { type: 'batch', options: { ...DEFAULT_BATCH, size: 10 } },
          { type: 'retry', options: DEFAULT_RETRY },
        ],
      },
    ]);
  });

  it('prefixes a variant label with the policy when two policies sweep the same option name', () => {
    const names = strategiesOf(
      '  - { name: m, use: [ { cache: { max: [10, 20] } }, { concurrency: { max: [1, 2] } } ] }\n',
    ).map((s) => s.name);
    expect(names).toEqual([
      'm[cache.max=10,concurrency.max=1]',
      'm[cache.max=10,concurrency.max=2]',
      'm[cache.max=20,concurrency.max=1]',
      'm[cache.max=20,concurrency.max=2]',
    ]);
  });

  it('does not treat the status list of retryOn as a sweep', () => {
    expect(
      strategiesOf('  - { name: r, use: [ { retry: { retryOn: [429, 529] } } ] }\n').map((s) => s.name),
    ).toEqual(['r']);
  });

  it('overrides a preset policy with { preset, <policy>: options }, variants included', () => {
    const strategies = strategiesOf('  - { preset: cached, cache: { ttl: [1m, 10m] } }\n');
    expect(strategies).toEqual([
      {
        kind: 'policies',
        name: 'cached[ttl=1m]',
        policies: [
          { type: 'cache', options: { ...DEFAULT_CACHE, ttlMs: 60_000 } },
          { type: 'retry', options: DEFAULT_RETRY },
        ],
      },
      {
        kind: 'policies',
        name: 'cached[ttl=10m]',
        policies: [
          { type: 'cache', options: { ...DEFAULT_CACHE, ttlMs: 600_000 } },
          { type: 'retry', options: DEFAULT_RETRY },
        ],
      },
    ]);
  });

  it("resolves a module strategy against the scenario file's folder and keeps its options", () => {
    const strategies = strategiesOf(
      '  - { name: mine, module: ./client.ts, options: { anything: 1 } }\n',
      'test/scenario/x.yaml',
    );
    expect(strategies).toEqual([
      {
        kind: 'module',
        name: 'mine',
        modulePath: resolve('test/scenario/client.ts'),
        options: { anything: 1 },
      },
    ]);
  });

  it('reports a policy the preset does not have, two policies in one item, and an unknown strategy shape', () => {
    let problems: string[] = [];
    try {
      strategiesOf(
        [
          '  - { preset: batched, cache: { ttl: 1m } }',
          '  - { name: two, use: [ { retry: { attempts: 2 }, batch: { size: 2 } } ] }',
          '  - { name: what }',
          '  - { name: r, use: [ { retry: { jitter: 150% } } ] }',
          '',
        ].join('\n'),
      );
    } catch (error) {
      if (error instanceof InputError) problems = error.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      'a.yaml:3:24: strategies[0].cache: preset batched has no cache policy (it has batch, retry); to add one, write { name, use: [...] }',
      'a.yaml:4:25: strategies[1].use[0]: expected one policy per list item, got retry, batch; write each as its own item: - { retry: ... }',
      'a.yaml:5:5: strategies[2]: expected a strategy: a preset name (direct, retry, batched, cached, cached+batched, streaming), { name, use: [...] }, { name, module, options } or { preset, <policy>: {...} }, got {"name":"what"}',
      'a.yaml:6:42: strategies[3].use[0].retry.jitter: expected a jitter: full, equal, none, or a proportional jitter such as 10% (or 0.1), got "150%"',
    ]);
  });
});
