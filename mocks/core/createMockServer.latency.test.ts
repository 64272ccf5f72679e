import { describe, expect, it } from 'vitest';
import { messagesBody, testServer } from './testServer.ts';

describe('createMockServer: latency', () => {
  it("reproduces seed 002's table: max_tokens 256/512/1024 -> mean 420/680/1200 ms", async () => {
    // TTFT 160 ms, no jitter, ~985 tokens/s, and answers long enough to always hit max_tokens.
    const { clock, json } = testServer({
      latency: {
        ttftMs: 160,
        perInputTokenMs: 0,
        perInputTokenAboveKneeMs: 0,
        outputTokensPerSec: 985,
        jitterSigma: 0,
        generationJitterSigma: 0,
      },
      output: { tokens: 100_000 },
    });
    const meanMs = async (maxTokens: number): Promise<number> => {
      let totalMs = 0;
      for (let i = 0; i < 20; i++) {
        const startMs = clock.now();
        const response = await json(
          messagesBody({ max_tokens: maxTokens, messages: [{ role: 'user', content: `task ${i}` }] }),
        );
        expect((response.body as { stop_reason: string }).stop_reason).toBe('max_tokens');
        totalMs += clock.now() - startMs;
      }
      return totalMs / 20;
    };
    const means = [await meanMs(256), await meanMs(512), await meanMs(1024)];
    expect(means.map((m) => Math.round(m))).toEqual([420, 680, 1200]);
    for (const [i, published] of [420, 680, 1200].entries()) {
      expect(Math.abs((means[i] as number) - published) / published).toBeLessThan(0.01);
    }
  });

  it('cold-starts the free tier by 3-5 s on its first request and after 5 idle minutes', async () => {
    const { clock, json } = testServer(
      { latency: { jitterSigma: 0, generationJitterSigma: 0 }, output: { tokens: 50 } },
      { preset: 'free-tier' },
    );
    const body = messagesBody({ messages: [{ role: 'user', content: 'same prompt' }] });
    const timeOne = async (): Promise<number> => {
      const startMs = clock.now();
      await json(body);
      return clock.now() - startMs;
    };
    const cold = await timeOne();
    const warm = await timeOne();
    await clock.advance(5 * 60_000);
    const coldAgain = await timeOne();
    for (const extra of [cold - warm, coldAgain - warm]) {
      expect(extra).toBeGreaterThanOrEqual(3000);
      expect(extra).toBeLessThan(5000);
    }
  });

  it('slows answers as concurrency grows with contention configured', async () => {
    const { clock, server } = testServer({
      latency: {
        ttftMs: 100,
        perInputTokenMs: 0,
        outputTokensPerSec: 1e9,
        jitterSigma: 0,
        generationJitterSigma: 0,
        contention: { freeInFlight: 1, perRequestMs: 50 },
      },
    });
    const doneAt: number[] = [];
    const all = [0, 1, 2].map((i) =>
      server
        .handle({
          method: 'POST',
          path: '/v1/messages',
          headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
          json: messagesBody({ messages: [{ role: 'user', content: `q${i}` }] }),
        })
        .then(() => doneAt.push(clock.now())),
    );
    await clock.run(Promise.all(all));
    expect(doneAt).toEqual([100, 150, 200]);
  });
});
