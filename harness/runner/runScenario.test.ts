import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portableResults } from '../results/portableResults.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { LiveRun } from './LiveRun.ts';
import { type RunnerEvent, runScenario } from './runScenario.ts';

const SDK_CLIENT = path.resolve('scenarios/clients/anthropic-sdk.ts');
const fixedDate = (): Date => new Date('2026-01-01T00:00:00Z');

function scenario(yaml: string) {
  return parseScenario(yaml, path.resolve('harness/runner/inline.yaml'));
}

const SMALL = `
name: small
seed: 7
mock: { preset: tier-1, faults: { error529: 5% } }
workload:
  requests: 60
  arrival: { type: closed, concurrency: 4 }
  prompts: { unique: 20, popularity: zipf }
  maxTokens: [64, 128]
strategies: [direct, retry, cached+batched]
thresholds: [ "errorRate < 50%" ]
`;

describe('runScenario (simulated)', () => {
  it('gives byte-identical results for the same scenario and seed', async () => {
    const a = portableResults(await runScenario(scenario(SMALL), { wallClock: fixedDate }));
    const b = portableResults(await runScenario(scenario(SMALL), { wallClock: fixedDate }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.runs.map((r) => `${r.strategy}@${r.cellId}`)).toEqual([
      'direct@maxTokens=64',
      'retry@maxTokens=64',
      'cached+batched@maxTokens=64',
      'direct@maxTokens=128',
      'retry@maxTokens=128',
      'cached+batched@maxTokens=128',
    ]);
    expect(a.runs.every((r) => r.metrics.requests.total === 60)).toBe(true);
    expect(a.thresholds).toHaveLength(6);
  });

  it('changes the numbers when the seed changes', async () => {
    const a = await runScenario(scenario(SMALL), { wallClock: fixedDate });
    const b = await runScenario(scenario(SMALL.replace('seed: 7', 'seed: 8')), { wallClock: fixedDate });
    expect(a.runs[0]?.metrics.latencyMs?.mean).not.toBe(b.runs[0]?.metrics.latencyMs?.mean);
  });

  it('counts upstream calls, retries and cache hits consistently', async () => {
    const results = await runScenario(scenario(SMALL), { wallClock: fixedDate });
    for (const run of results.runs) {
      const m = run.metrics;
      const byStatusTotal = Object.values(m.upstream.byStatus).reduce((a, b) => a + b, 0);
      expect(byStatusTotal).toBe(m.upstream.calls);
      expect(m.requests.ok + m.requests.failed).toBe(m.requests.total);
      expect(run.samples.latencyMs).toHaveLength(m.requests.ok);
    }
    const direct = results.runs[0]!.metrics;
    expect(direct.retries).toBe(0);
    expect(direct.upstream.calls).toBe(60);
    const retry = results.runs[1]!.metrics;
    expect(retry.upstream.calls).toBe(60 + retry.retries);
    expect(results.runs[2]!.metrics.cache.hits).toBeGreaterThan(0);
  });

  it('reports progress every 256 measured requests and at the last one', async () => {
    const done: number[] = [];
    await runScenario(scenario(SMALL.replace('requests: 60', 'requests: 600')), {
      wallClock: fixedDate,
      onEvent: (e) => {
        if (e.type === 'progress' && e.run === 0) done.push(e.done);
      },
    });
    expect(done).toEqual([256, 512, 600]);
  });

  it('reports a duration-bound run by elapsed clock time, warm-up left out, capped at the duration', async () => {
    // 10 requests a second, each answered in exactly 250 ms: measured request k (from 1) starts at
    // 5 s of warm-up + (k - 1) × 100 ms and ends 250 ms later. The last starts at 64.9 s and ends
    // at 65.15 s, past the 60 s measured duration: the final report is capped at 60 s.
    const events: RunnerEvent[] = [];
    const results = await runScenario(
      scenario(`
name: by duration
mock: { preset: perfect, latency: { ttftMs: 250ms } }
workload:
  duration: 1m
  warmup: 5s
  arrival: { type: constant, rate: 10/s }
  maxTokens: 16
strategies: [direct]
`),
      { wallClock: fixedDate, onEvent: (e) => events.push(e) },
    );
    expect(results.runs[0]?.metrics.requests.total).toBe(600);
    const start = events.find((e) => e.type === 'run-start');
    expect(start).toEqual({
      type: 'run-start',
      run: 0,
      strategy: 'direct',
      cellId: 'default',
      durationMs: 60_000,
      live: expect.any(LiveRun),
    });
    // The live counters a progress display polls: at the end, every measured request, on the run's clock.
    expect(start?.type === 'run-start' && start.live.snapshot()).toEqual({
      done: 600,
      failed: 0,
      clockMs: 60_150,
      warmingUp: false,
    });
    expect(events.filter((e) => e.type === 'progress')).toEqual([
      { type: 'progress', run: 0, done: 256, elapsedMs: 25_750, durationMs: 60_000 },
      { type: 'progress', run: 0, done: 512, elapsedMs: 51_350, durationMs: 60_000 },
      { type: 'progress', run: 0, done: 600, elapsedMs: 60_000, durationMs: 60_000 },
    ]);
  });

  it('stops when aborted and marks the results partial', async () => {
    const controller = new AbortController();
    const events: RunnerEvent['type'][] = [];
    const results = await runScenario(scenario(SMALL), {
      signal: controller.signal,
      wallClock: fixedDate,
      onEvent: (e) => {
        events.push(e.type);
        if (e.type === 'run-end') controller.abort();
      },
    });
    expect(results.partial).toBe(true);
    expect(results.runs).toHaveLength(1);
    expect(events[0]).toBe('scenario-start');
    expect(events.at(-1)).toBe('scenario-end');
  });

  it('counts requests in flight at an interrupt as interrupted, not failed, and lists the runs never started', async () => {
    const controller = new AbortController();
    const results = await runScenario(
      scenario(`
name: interrupted
seed: 5
mock: { preset: perfect, latency: { ttftMs: 100ms, jitterSigma: 0.5 } }
workload:
  requests: 400
  arrival: { type: closed, concurrency: 8 }
  prompts: { unique: 50 }
  maxTokens: [64, 128]
strategies: [direct, retry]
thresholds: [ "errorRate < 1%", "retry: p99 < 10s" ]
`),
      {
        signal: controller.signal,
        wallClock: fixedDate,
        // Ctrl-C at the 256th answer of the first run, on the virtual clock: 8 users, so 7 in flight.
        onEvent: (e) => {
          if (e.type === 'progress' && e.done === 256) controller.abort(new Error('interrupted'));
        },
      },
    );
    expect(results.partial).toBe(true);
    expect(results.runs).toHaveLength(1);
    const run = results.runs[0]!;
    expect(run.metrics.requests).toEqual({ total: 256, ok: 256, failed: 0, byOutcome: {}, interrupted: 7 });
    expect(run.metrics.errorRate).toBe(0);
    expect(run.samples.latencyMs).toHaveLength(256);
    expect(run.valid).toBe(false);
    expect(run.invalidReasons).toEqual([
      'interrupted: 256 of 400 requests measured, 7 in flight not counted',
    ]);
    expect(results.skipped).toEqual([
      { strategy: 'retry', cellId: 'maxTokens=64', params: { maxTokens: 64 } },
      { strategy: 'direct', cellId: 'maxTokens=128', params: { maxTokens: 128 } },
      { strategy: 'retry', cellId: 'maxTokens=128', params: { maxTokens: 128 } },
    ]);
    expect(
      results.thresholds.map((t) => ({
        source: t.source,
        at: `${t.strategy}@${t.cellId}`,
        passed: t.passed,
        notEvaluated: t.notEvaluated,
        skipped: t.skipped,
      })),
    ).toEqual([
      {
        source: 'errorRate < 1%',
        at: 'direct@maxTokens=64',
        passed: false,
        notEvaluated: true,
        skipped: undefined,
      },
      {
        source: 'errorRate < 1%',
        at: 'retry@maxTokens=64',
        passed: false,
        notEvaluated: undefined,
        skipped: true,
      },
      {
        source: 'errorRate < 1%',
        at: 'direct@maxTokens=128',
        passed: false,
        notEvaluated: undefined,
        skipped: true,
      },
      {
        source: 'errorRate < 1%',
        at: 'retry@maxTokens=128',
        passed: false,
        notEvaluated: undefined,
        skipped: true,
      },
      {
        source: 'retry: p99 < 10s',
        at: 'retry@maxTokens=64',
        passed: false,
        notEvaluated: undefined,
        skipped: true,
      },
      {
        source: 'retry: p99 < 10s',
        at: 'retry@maxTokens=128',
        passed: false,
        notEvaluated: undefined,
        skipped: true,
      },
    ]);
  });
});

const SDK = (mode: string) => `
name: sdk module ${mode}
seed: 3
mode: ${mode}
mock:
  preset: perfect
  latency: { ttftMs: 20ms, outputTokensPerSec: 2000 }
  faults: { error529: 10% }
workload:
  requests: 30
  arrival: { type: closed, concurrency: 3 }
  maxTokens: 32
  stream: [false, true]
strategies:
  - { name: sdk, module: ${SDK_CLIENT}, options: { maxRetries: 4 } }
`;

describe('a user module built on the official SDK', () => {
  it('runs in simulated time through msw, its retries counted as attempts at the mock', async () => {
    const results = await runScenario(scenario(SDK('simulated')), { wallClock: fixedDate });
    expect(results.runs).toHaveLength(2);
    for (const run of results.runs) {
      expect(run.metrics.requests.ok).toBe(30);
      expect(run.metrics.upstream.byStatus['529']).toBe(run.metrics.retries);
      expect(run.metrics.upstream.calls).toBe(30 + run.metrics.retries);
      expect(run.metrics.attempts).toEqual({ total: run.metrics.upstream.calls, source: 'mock' });
    }
    expect(results.runs[1]?.metrics.ttftMs?.count).toBe(30);
    const again = await runScenario(scenario(SDK('simulated')), { wallClock: fixedDate });
    expect(JSON.stringify(portableResults(again).runs)).toBe(JSON.stringify(portableResults(results).runs));
  });

  it('runs in real time over loopback HTTP against the served mock', async () => {
    const results = await runScenario(scenario(SDK('realtime')), { wallClock: fixedDate });
    for (const run of results.runs) {
      expect(run.metrics.requests.ok).toBe(30);
      expect(run.metrics.upstream.calls).toBe(30 + run.metrics.retries);
      // 20 ms TTFT + 32 tokens at 2000/s: nothing can be faster than what the mock injects.
      expect(run.metrics.latencyMs?.min).toBeGreaterThanOrEqual(20);
    }
  });
});
