import { describe, expect, it } from 'vitest';
import { messagesBody, testServer } from './testServer.ts';

/** No jitter, no input cost, no overhead: TTFT and generation are the profile's figures alone. */
const EXACT = {
  latency: { perInputTokenMs: 0, jitterSigma: 0, generationJitterSigma: 0, overheadMs: 0 },
  output: { tokens: { type: 'fixed' as const, value: 97 } },
};

/** The mock keeps times to the microsecond. */
const q = (ms: number): number => Math.round(ms * 1000) / 1000;

async function answerMs(preset: string, model: string, overrides: object = EXACT): Promise<number> {
  const t = testServer(overrides, { preset });
  const startMs = t.clock.now();
  const response = await t.json(messagesBody({ model, max_tokens: 200 }));
  expect(response.status).toBe(200);
  return t.clock.now() - startMs;
}

describe('createMockServer: latency per model class', () => {
  it('model-latency preset: TTFT + 97 tokens at each class’s measured speed, the catalog factor not applied', async () => {
    expect([
      await answerMs('model-latency', 'claude-haiku-4-5'),
      await answerMs('model-latency', 'claude-sonnet-4-6'),
      await answerMs('model-latency', 'claude-opus-4-6'),
    ]).toEqual([1340 + 1000, 1800 + q((97 * 1000) / 63), 2670 + q((97 * 1000) / 45)]);
  });

  it('without profiles the catalog latencyFactor scales the base figures (Haiku 0.6, Opus 1.4)', async () => {
    const base = { ...EXACT, latency: { ...EXACT.latency, ttftMs: 1000, outputTokensPerSec: 97 } };
    expect([
      await answerMs('default', 'claude-haiku-4-5', base),
      await answerMs('default', 'claude-opus-4-6', base),
    ]).toEqual([0.6 * 2000, 1.4 * 2000]);
  });

  it('a class without a profile keeps the base figures and its factor', async () => {
    const partial = {
      ...EXACT,
      latency: {
        ...EXACT.latency,
        ttftMs: 1000,
        outputTokensPerSec: 97,
        byModelClass: { haiku: { ttftMs: '100ms', outputTokensPerSec: 970 } },
      },
    };
    expect([
      await answerMs('default', 'claude-haiku-4-5', partial),
      await answerMs('default', 'claude-opus-4-6', partial),
    ]).toEqual([200, 2800]);
  });
});
