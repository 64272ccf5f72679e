import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/runScenario.ts';
import { parseScenario } from '../scenario/parseScenario.ts';

const YAML = `
name: sessions
seed: 3
mock: { preset: perfect, tools: { useProbability: 0.7, parallelProbability: 0 } }
workload:
  maxTokens: 512
  systemTokens: 1200
  sessions:
    count: 4
    arrival: { type: closed, concurrency: 2 }
    turns: 5
    tools: { count: 3, tokens: 100 }
    toolTime: 2s
    toolResultTokens: 50
    userTokens: 20
strategies: [direct, { name: cached, use: [promptCache] }]
`;

const run = () =>
  runScenario(parseScenario(YAML, path.resolve('harness/sessions/inline.yaml')), {
    wallClock: () => new Date('2026-01-01T00:00:00Z'),
  });

describe('session workloads', () => {
  it('runs agents in a closed loop on the virtual clock, each turn sending the whole history', async () => {
    const results = await run();
    const [direct, cached] = results.runs.map((r) => r.metrics);
    // No latency (perfect preset): a session lasts its tool time, 2 s per tool call answered.
    expect(direct?.sessions?.sessions).toEqual({ total: 4, completed: 4, failed: 0 });
    expect(direct?.sessions?.turns.total).toBe(20);
    expect(direct?.requests.total).toBe(20);
    expect(direct?.sessions?.durationMs).toMatchObject({ min: 4000, p50: 4000, p99: 8000, mean: 5500 });
    expect(direct?.sessions?.tokens).toEqual({
      input: 42613,
      cacheRead: 0,
      cacheWrite: 0,
      output: 1356,
      thinking: 0,
    });
    // The same sessions with the system prompt marked for the prompt cache: same tokens in all, most read.
    expect(cached?.sessions?.tokens).toEqual({
      input: 5633,
      cacheRead: 35131,
      cacheWrite: 1849,
      output: 1356,
      thinking: 0,
    });
    expect(cached?.sessions?.costUsd.total).toBeCloseTo(0.05471205, 10);
    expect(direct?.sessions?.costUsd.total).toBeCloseTo(0.148179, 10);
  });

  it('is deterministic under the seed', async () => {
    const a = await run();
    const b = await run();
    expect(JSON.stringify(b.runs.map((r) => r.metrics))).toBe(JSON.stringify(a.runs.map((r) => r.metrics)));
  });
});
