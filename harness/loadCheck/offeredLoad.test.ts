import { describe, expect, it } from 'vitest';
import { expandMatrix } from '../scenario/expandMatrix.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { limitWarnings, offeredLoad } from './offeredLoad.ts';

/** A tier-1 scenario (50 requests, 30k input, 8k output tokens a minute) with fixed 500-token prompts and 100-token answers. */
function scenario(arrival: string) {
  return parseScenario(
    `mock: { preset: tier-1, output: { tokens: { type: fixed, value: 100 } } }
workload:
  requests: 100
  arrival: ${arrival}
  prompts: { inputTokens: { type: fixed, value: 500 } }
  maxTokens: 256
`,
    'load.yaml',
  );
}

/** The scenario's one matrix cell. */
function only(s: ReturnType<typeof scenario>) {
  const cells = expandMatrix(s);
  expect(cells).toHaveLength(1);
  return cells[0]!;
}

describe('offeredLoad', () => {
  it('is rate × tokens for an open loop', () => {
    const s = scenario('{ type: poisson, rate: 2/s }');
    expect(offeredLoad(only(s).workload, s.mock)).toEqual({
      requestsPerMin: 120,
      estimated: false,
      inputTokensPerMin: 60_000,
      outputTokensPerMin: 12_000,
    });
  });

  it('estimates a closed loop from concurrency, think time and the mock latency model', () => {
    // Latency at the medians: 400 ms TTFT + 500 × 0.05 ms + 100 tokens at 60/s = 2091.7 ms.
    const s = scenario('{ type: closed, concurrency: 2, thinkTime: 10s }');
    const load = offeredLoad(only(s).workload, s.mock);
    expect(load.estimated).toBe(true);
    expect(load.requestsPerMin).toBeCloseTo(120_000 / (10_000 + 400 + 25 + 100_000 / 60), 9);
    expect(load.requestsPerMin).toBeCloseTo(9.924, 3);
  });

  it('caps answers at max_tokens', () => {
    const s = scenario('{ type: poisson, rate: 1/s }');
    expect(offeredLoad({ ...only(s).workload, maxTokens: 40 }, s.mock).outputTokensPerMin).toBe(2400);
  });
});

describe('limitWarnings', () => {
  it('names each cell over a limit with the offered figure and the limit', () => {
    const s = scenario('{ type: poisson, rate: [0.5/s, 2/s] }');
    expect(limitWarnings(s)).toEqual([
      "warning: the offered load exceeds the mock's rate limits (preset tier-1), so 429s are expected:",
      '  rate=2/s: 120 requests/min (limit 50); 60,000 input tokens/min (limit 30,000); 12,000 output tokens/min (limit 8,000)',
      '  (batching and caching send less)',
    ]);
  });

  it('says a closed loop’s figures are estimates', () => {
    const s = scenario('{ type: closed, concurrency: [2, 20], thinkTime: 10s }');
    expect(limitWarnings(s)).toEqual([
      "warning: the offered load exceeds the mock's rate limits (preset tier-1), so 429s are expected:",
      '  concurrency=20: ~99.2 requests/min (limit 50); ~49,600 input tokens/min (limit 30,000); ~9,920 output tokens/min (limit 8,000)',
      "  (~ a closed loop's estimate from the mock's median latency; batching and caching send less)",
    ]);
  });

  it('is empty when every cell fits, and for a target whose limits are unknown', () => {
    expect(limitWarnings(scenario('{ type: poisson, rate: 0.5/s }'))).toEqual([]);
    const target = { baseUrl: 'http://127.0.0.1:1', apiKeyEnv: 'KEY' };
    expect(limitWarnings({ ...scenario('{ type: poisson, rate: 2/s }'), target })).toEqual([]);
  });
});
