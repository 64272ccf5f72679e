import { describe, expect, it } from 'vitest';
import { resolveMockConfig } from '../config/presets.ts';
import { costUsd } from '../models/SpendMeter.ts';
import { messagesBody, testServer } from './testServer.ts';
import type { MockJsonResponse } from './types.ts';

const ONE_SECOND = {
  latency: {
    ttftMs: 1000,
    perInputTokenMs: 0,
    outputTokensPerSec: 1e9,
    jitterSigma: 0,
    generationJitterSigma: 0,
  },
  output: { tokens: 10 },
};

function errorOf(response: MockJsonResponse): { type: string; message: string } {
  return (response.body as { error: { type: string; message: string } }).error;
}

describe('createMockServer: rate-limit pools per model class', () => {
  it('keeps separate pools: Opus at its limit does not touch Sonnet or Haiku, and headers report the pool of the model', async () => {
    const t = testServer({
      rateLimits: {
        requests: '3/min',
        byModelClass: { opus: { requests: '2/min' }, haiku: { requests: '5/min', inputTokens: '50000/min' } },
      },
    });
    const opus = [];
    for (let i = 0; i < 3; i++) opus.push((await t.json(messagesBody({ model: 'claude-opus-4-6' }))).status);
    expect(opus).toEqual([200, 200, 429]);
    const sonnet = await t.json(messagesBody({ model: 'claude-sonnet-4-6' }));
    const haiku = await t.json(messagesBody({ model: 'claude-haiku-4-5-20251001' }));
    expect([sonnet.status, haiku.status]).toEqual([200, 200]);
    expect([
      sonnet.headers['anthropic-ratelimit-requests-limit'],
      sonnet.headers['anthropic-ratelimit-requests-remaining'],
      haiku.headers['anthropic-ratelimit-requests-limit'],
      haiku.headers['anthropic-ratelimit-requests-remaining'],
      haiku.headers['anthropic-ratelimit-input-tokens-limit'],
    ]).toEqual(['3', '2', '5', '4', '50000']);
    const refused = await t.json(messagesBody({ model: 'claude-opus-4-5' }));
    expect([refused.status, refused.headers['anthropic-ratelimit-requests-limit']]).toEqual([429, '2']);
    expect(errorOf(refused).message).toContain('of 2 requests per minute');
  });

  it('refunds unused max_tokens to the class pool the request was charged to', async () => {
    const t = testServer({
      ...ONE_SECOND,
      rateLimits: { byModelClass: { haiku: { outputTokens: '6000/min' } } },
    });
    const first = await t.json(messagesBody({ model: 'claude-haiku-4-5', max_tokens: 5000 }));
    // 5000 charged, 10 generated, 4990 refunded: the bucket is back to 5990 of 6000, shown rounded.
    expect([first.status, first.headers['anthropic-ratelimit-output-tokens-remaining']]).toEqual([
      200,
      '6000',
    ]);
    expect((await t.json(messagesBody({ model: 'claude-haiku-4-5', max_tokens: 5000 }))).status).toBe(200);
  });
});

describe('tier presets', () => {
  it('carry the documented Tier 1-4 figures per class and monthly spend limits', () => {
    const figures = ['tier-1', 'tier-2', 'tier-3', 'tier-4'].map((name) => {
      const c = resolveMockConfig(name);
      const perMin = (r: number | undefined) => Math.round((r ?? 0) * 60);
      const classes = c.rateLimits.byModelClass;
      return [
        name,
        [perMin(c.rateLimits.requests), perMin(c.rateLimits.inputTokens), perMin(c.rateLimits.outputTokens)],
        [
          perMin(classes?.opus?.requests),
          perMin(classes?.opus?.inputTokens),
          perMin(classes?.opus?.outputTokens),
        ],
        [
          perMin(classes?.haiku?.requests),
          perMin(classes?.haiku?.inputTokens),
          perMin(classes?.haiku?.outputTokens),
        ],
        c.monthlySpendLimitUsd,
      ];
    });
    expect(figures).toEqual([
      ['tier-1', [50, 30_000, 8_000], [50, 30_000, 8_000], [50, 50_000, 10_000], 100],
      ['tier-2', [1_000, 450_000, 90_000], [1_000, 450_000, 90_000], [1_000, 450_000, 90_000], 500],
      ['tier-3', [2_000, 800_000, 160_000], [2_000, 800_000, 160_000], [2_000, 1_000_000, 200_000], 1_000],
      [
        'tier-4',
        [4_000, 2_000_000, 400_000],
        [4_000, 2_000_000, 400_000],
        [4_000, 4_000_000, 800_000],
        5_000,
      ],
    ]);
  });

  it('tier-1: the 51st Sonnet request of a minute is refused while Haiku still has its own 50', async () => {
    // Instant answers, so the buckets do not refill between requests.
    const instant = { ...ONE_SECOND.latency, ttftMs: 0, overheadMs: 0 };
    const t = testServer({ latency: instant, output: { tokens: 10 } }, { preset: 'tier-1' });
    const statuses = [];
    for (let i = 0; i < 51; i++) statuses.push((await t.json(messagesBody({ max_tokens: 100 + i }))).status);
    expect(statuses.filter((s) => s === 200).length).toBe(50);
    expect(statuses[50]).toBe(429);
    expect((await t.json(messagesBody({ model: 'claude-haiku-4-5' }))).status).toBe(200);
  });
});

describe('createMockServer: monthly spend limit', () => {
  it('refuses with the API’s 400 once the month’s spend reaches the limit, until the next month', async () => {
    // Sonnet 4.6 at $3/$15 per MTok; each answer: estimator input tokens + 10 output tokens.
    const t = testServer({ output: { tokens: 10 }, monthlySpendLimitUsd: 0.0005 });
    const first = await t.json(messagesBody({ model: 'claude-sonnet-4-6' }));
    const usage = (first.body as { usage: { input_tokens: number; output_tokens: number } }).usage;
    const perAnswerUsd = costUsd(
      { inputPerMTok: 3, outputPerMTok: 15 },
      {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cacheReadTokens: 0,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
      },
    );
    const answered = Math.ceil(0.0005 / perAnswerUsd);
    const statuses = [first.status];
    let refused: MockJsonResponse | undefined;
    for (let i = 1; i <= answered; i++) {
      const response = await t.json(messagesBody({ model: 'claude-sonnet-4-6', max_tokens: 64 + i }));
      statuses.push(response.status);
      if (response.status !== 200) refused = response;
    }
    expect(statuses).toEqual([...Array(answered).fill(200), 400]);
    expect([refused?.headers['x-should-retry'], errorOf(refused as MockJsonResponse)]).toEqual([
      'false',
      {
        type: 'invalid_request_error',
        message:
          'You have reached your specified API usage limits. You will regain access on 2026-02-01 at 00:00 UTC.',
      },
    ]);
    // The virtual clock starts 2026-01-01T00:00:00Z; February starts 31 days later.
    await t.clock.advance(31 * 24 * 3600_000);
    expect((await t.json(messagesBody({ model: 'claude-sonnet-4-6', max_tokens: 999 }))).status).toBe(200);
  });

  it('prices cache writes at 1.25x or 2x and reads at 0.1x of the input price', () => {
    const usd = costUsd(
      { inputPerMTok: 3, outputPerMTok: 15 },
      {
        inputTokens: 1e6,
        cacheWrite5mTokens: 1e6,
        cacheWrite1hTokens: 1e6,
        cacheReadTokens: 1e6,
        outputTokens: 1e6,
      },
    );
    expect(usd).toBeCloseTo(3 + 3.75 + 6 + 0.3 + 15, 10);
  });
});
