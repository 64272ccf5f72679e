import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
import { latencySchema } from '../config/MockConfig.ts';
import { contentionDelayMs, LatencyModel } from './LatencyModel.ts';

const BASE = {
  ttftMs: 400,
  perInputTokenMs: 0,
  perInputTokenAboveKneeMs: 0,
  outputTokensPerSec: 100,
  jitterSigma: 0,
  generationJitterSigma: 0,
};

function model(overrides: Record<string, unknown> = {}, startMs = 0): LatencyModel {
  return new LatencyModel(latencySchema.parse({ ...BASE, ...overrides }), new Random(1), startMs);
}

const request = {
  nowMs: 0,
  inputTokens: 10,
  cachedInputTokens: 0,
  outputTokens: 50,
  inFlight: 1,
  latencyFactor: 1,
};

describe('LatencyModel', () => {
  it('adds TTFT and generation time at the output speed', () => {
    expect(model().plan(request)).toEqual({ headersMs: 0, ttftMs: 400, generationMs: 500, coldStartMs: 0 });
  });

  it('charges input tokens at one rate up to the knee and a steeper one beyond it', () => {
    const m = model({ perInputTokenMs: 0.05, inputKneeTokens: 2000, perInputTokenAboveKneeMs: 0.5 });
    expect(m.plan({ ...request, inputTokens: 1000 }).ttftMs).toBe(400 + 50);
    expect(m.plan({ ...request, inputTokens: 3000 }).ttftMs).toBe(400 + 100 + 500);
  });

  it('charges a prompt-cache read token as cachedInputTokenFactor of an uncached one', () => {
    const m = model({ perInputTokenMs: 0.05, inputKneeTokens: 2000, perInputTokenAboveKneeMs: 0.5 });
    // 4200 tokens, 4000 of them cached at 0.1: 600 tokens' worth, below the knee.
    expect(m.plan({ ...request, inputTokens: 4200, cachedInputTokens: 4000 }).ttftMs).toBe(400 + 30);
    expect(m.plan({ ...request, inputTokens: 4200 }).ttftMs).toBe(400 + 100 + 1100);
    const free = model({ perInputTokenMs: 0.05, cachedInputTokenFactor: 0 });
    expect(free.plan({ ...request, inputTokens: 1200, cachedInputTokens: 1000 }).ttftMs).toBe(400 + 10);
  });

  it('scales TTFT and generation by the model latencyFactor', () => {
    expect(model().plan({ ...request, latencyFactor: 0.6 })).toMatchObject({
      ttftMs: 240,
      generationMs: 300,
    });
  });

  it('adds contention per in-flight request beyond freeInFlight and slows generation', () => {
    const m = model({ contention: { freeInFlight: 2, perRequestMs: 100, slowdownPerRequest: 0.5 } });
    const plans = [1, 2, 3, 4].map((inFlight) => m.plan({ ...request, inFlight }));
    expect(plans.map((p) => p.ttftMs)).toEqual([400, 400, 500, 600]);
    expect(plans.map((p) => p.generationMs)).toEqual([500, 500, 750, 1000]);
  });

  it('saturates the contention delay at maxMs, with perRequestMs as the first slope', () => {
    const m = model({ contention: { freeInFlight: 1, perRequestMs: 100, maxMs: 200 } });
    const ttfts = [1, 2, 3, 11, 101].map((inFlight) => m.plan({ ...request, inFlight }).ttftMs);
    // 400 + 200 × (1 − e^(−extra / 2)) for extra = 0, 1, 2, 10, 100
    expect(ttfts).toEqual([400, 478.694, 526.424, 598.652, 600]);
  });

  it('keeps contention linear without maxMs', () => {
    expect(contentionDelayMs(150, { perRequestMs: 2 })).toBe(300);
    expect(contentionDelayMs(0, { perRequestMs: 2, maxMs: 100 })).toBe(0);
  });

  it('rejects a contention ceiling of zero at its path', () => {
    const parsed = latencySchema.safeParse({ contention: { maxMs: '0ms' } });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['contention.maxMs', 'expected a positive duration such as 200ms, got 0 ms'],
    ]);
  });

  it('cold-starts the first requests and any request after the idle time with nothing in flight', () => {
    const m = model({ coldStart: { requests: 1, idleMs: 60_000, minMs: 3000, maxMs: 3000 } });
    const first = m.plan({ ...request, nowMs: 0 });
    m.ended(1000);
    const warm = m.plan({ ...request, nowMs: 30_000 });
    m.ended(31_000);
    const busy = m.plan({ ...request, nowMs: 100_000, inFlight: 2 });
    const idle = m.plan({ ...request, nowMs: 200_000 });
    expect([first, warm, busy, idle].map((p) => p.ttftMs)).toEqual([3400, 400, 400, 3400]);
  });

  it('draws cold starts uniformly between minMs and maxMs', () => {
    const m = model({ coldStart: { requests: 200, minMs: 3000, maxMs: 5000 } });
    const colds = Array.from({ length: 200 }, () => m.plan(request).coldStartMs);
    expect(Math.min(...colds)).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...colds)).toBeLessThan(5000);
    expect(Math.max(...colds) - Math.min(...colds)).toBeGreaterThan(1500);
  });

  it('jitters TTFT with a lognormal of median 1, repeatably for a seed', () => {
    const draw = (): number[] => {
      const m = model({ jitterSigma: 0.5 });
      return Array.from({ length: 401 }, () => m.plan(request).ttftMs);
    };
    const ttfts = draw();
    expect(draw()).toEqual(ttfts);
    const median = [...ttfts].sort((a, b) => a - b)[200] as number;
    expect(median).toBeGreaterThan(360);
    expect(median).toBeLessThan(440);
  });

  it('never puts the first token before the headers', () => {
    expect(model({ headersMs: 500, ttftMs: 100 }).plan(request)).toMatchObject({
      headersMs: 500,
      ttftMs: 500,
    });
  });
});
