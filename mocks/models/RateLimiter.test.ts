import { describe, expect, it } from 'vitest';
import { limitMessage, RateLimiter, retryAfterSec } from './RateLimiter.ts';

describe('RateLimiter', () => {
  it('admits atomically: a refusal by one bucket charges none of them', () => {
    const limiter = new RateLimiter({ requests: 10, inputTokens: 100 / 60 }, 0);
    expect(limiter.admit(90, 1, 1, 0)).toEqual({ kind: 'admitted' });
    expect(limiter.admit(20, 1, 2, 0)).toMatchObject({
      kind: 'limited',
      limit: 'input-tokens',
      retryAfterSec: 6,
    });
    expect(limiter.remaining('requests', 0)).toBe(599);
  });

  it('names the first refusing limit and waits for the slowest one', () => {
    const limiter = new RateLimiter({ requests: 1 / 60, outputTokens: 1 }, 0);
    limiter.admit(1, 60, 1, 0);
    const refused = limiter.admit(1, 60, 2, 0);
    expect(refused).toMatchObject({ kind: 'limited', limit: 'requests', retryAfterSec: 60 });
  });

  it('answers a request larger than a minute of the limit with the time to a full bucket', () => {
    const limiter = new RateLimiter({ outputTokens: 1 }, 0);
    expect(limiter.admit(1, 30, 1, 0)).toEqual({ kind: 'admitted' });
    expect(limiter.admit(1, 61, 2, 0)).toMatchObject({ limit: 'output-tokens', retryAfterSec: 30 });
  });

  it('reports unset limits with the documented large defaults', () => {
    const limiter = new RateLimiter({}, 0);
    expect(limiter.admit(1_000_000, 100_000, 1, 0)).toEqual({ kind: 'admitted' });
    expect([
      limiter.limitPerMinute('requests'),
      limiter.remaining('input-tokens', 0),
      limiter.fullInMs('output-tokens', 0),
    ]).toEqual([4000, 2_000_000, 0]);
  });

  it('rounds retry-after up to whole seconds, at least 1', () => {
    expect([retryAfterSec(0), retryAfterSec(1), retryAfterSec(1000), retryAfterSec(1001)]).toEqual([
      1, 1, 1, 2,
    ]);
  });

  it('words the 429 like the API, with thousands separators', () => {
    expect(limitMessage('input-tokens', 50_000)).toMatch(
      /^This request would exceed the rate limit for your organization of 50,000 input tokens per minute\. For details, refer to: https:\/\/docs\.claude\.com\/en\/api\/rate-limits\./,
    );
  });
});
