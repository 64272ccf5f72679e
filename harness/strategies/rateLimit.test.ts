import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { TokenBucket } from '../../base/limits/TokenBucket.ts';
import { estimateInputTokens } from '../../mocks/protocol/tokens.ts';
import type { ApiRequest } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { LeakyBucket } from './LeakyBucket.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './options.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

describe('TokenBucket', () => {
  it('admits 3 reservations at t=0 with 1/s and burst 1 at 0, 1000 and 2000 ms', () => {
    const bucket = new TokenBucket(1, 1);
    expect([0, 0, 0].map((t) => t + bucket.reserve(1, t))).toEqual([0, 1000, 2000]);
  });

  it('lets a burst of `capacity` through at once, then spaces the rest', () => {
    const bucket = new TokenBucket(3, 2);
    expect([0, 0, 0, 0, 0].map((t) => t + bucket.reserve(1, t))).toEqual([0, 0, 0, 500, 1000]);
  });

  it('refills continuously and never above capacity', () => {
    const bucket = new TokenBucket(2, 1);
    bucket.reserve(2, 0);
    expect(bucket.level(500)).toBe(0.5);
    expect(bucket.level(10_000)).toBe(2);
  });

  it('tryTake takes only what is there; waitMs says how long until it will be', () => {
    const bucket = new TokenBucket(1, 4);
    expect(bucket.tryTake(1, 0)).toBe(true);
    expect(bucket.tryTake(1, 100)).toBe(false);
    expect(bucket.waitMs(1, 100)).toBe(150);
    expect(bucket.tryTake(1, 250)).toBe(true);
  });

  it('starts full and refuses a take beyond its level without taking anything', () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect([0, 0, 0, 0].map(() => bucket.tryTake(1, 0))).toEqual([true, true, true, false]);
    expect(bucket.level(0)).toBe(0);
  });

  it('says Infinity for more than its capacity, and how long until it is full', () => {
    const bucket = new TokenBucket(50, 50 / 60, 0);
    bucket.take(50, 0);
    expect(bucket.waitMs(1, 0)).toBeCloseTo(1200, 9);
    expect(bucket.waitMs(51, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(bucket.fullInMs(0)).toBeCloseTo(60_000, 9);
    bucket.refund(100, 0);
    expect(bucket.level(0)).toBe(50);
  });

  it('refund gives back an unused reservation', () => {
    const bucket = new TokenBucket(1, 1);
    bucket.reserve(1, 0);
    bucket.reserve(1, 0);
    bucket.refund(1, 0);
    expect(bucket.reserve(1, 0)).toBe(1000);
  });
});

describe('LeakyBucket', () => {
  it('spaces admissions evenly however they arrive, and restarts the spacing after idle', () => {
    const bucket = new LeakyBucket(2);
    expect([0, 0, 0, 100, 5000, 5000].map((t) => t + bucket.reserve(1, t))).toEqual([
      0, 500, 1000, 1500, 5000, 5500,
    ]);
  });
});

async function callTimes(options: RateLimitOptions, requests: ApiRequest[]): Promise<number[]> {
  const clock = new VirtualClock();
  const transport = scriptedTransport(clock, () => okOutcome('x'));
  const handler = buildHandler([{ type: 'rateLimit', options }], transport);
  await clock.run(Promise.all(requests.map((r) => handler(r, testContext(clock)))));
  return transport.calls.map((c) => c.atMs);
}

describe('rateLimit', () => {
  const three = [userRequest('a'), userRequest('b'), userRequest('c')];

  it('waits on the clock until the request bucket admits each call', async () => {
    expect(await callTimes({ ...DEFAULT_RATE_LIMIT, requestsPerSec: 1 }, three)).toEqual([0, 1000, 2000]);
  });

  it('a leaky bucket spaces calls even with a burst allowance', async () => {
    const options: RateLimitOptions = { algorithm: 'leaky-bucket', requestsPerSec: 4, burst: 5 };
    expect(await callTimes(options, three)).toEqual([0, 250, 500]);
    expect(await callTimes({ ...options, algorithm: 'token-bucket' }, three)).toEqual([0, 0, 0]);
  });

  it('limits input tokens with the shared estimator (bucket: burst seconds of the rate)', async () => {
    const request = userRequest('x'.repeat(372));
    expect(estimateInputTokens(request)).toBe(100);
    const options: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, inputTokensPerSec: 100 };
    expect(await callTimes(options, [request, request, request])).toEqual([0, 1000, 2000]);
  });

  it('limits output tokens by max_tokens', async () => {
    const request = userRequest('q', { maxTokens: 50 });
    const options: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, outputTokensPerSec: 100 };
    expect(await callTimes(options, [request, request, request, request])).toEqual([0, 0, 500, 1000]);
  });

  it('waits for the slowest of several limits; a request larger than its bucket waits out the debt', async () => {
    const request = userRequest('q', { maxTokens: 200 });
    const options: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, requestsPerSec: 10, outputTokensPerSec: 100 };
    expect(await callTimes(options, [request, request])).toEqual([1000, 3000]);
  });

  it('an abort while waiting returns aborted and frees the reservation for the next caller', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => okOutcome('x'));
    const handler = buildHandler(
      [{ type: 'rateLimit', options: { ...DEFAULT_RATE_LIMIT, requestsPerSec: 1 } }],
      transport,
    );
    const controller = new AbortController();
    clock.setTimer(100, () => controller.abort());
    const first = handler(userRequest('a'), testContext(clock));
    const gaveUp = handler(userRequest('b'), testContext(clock, { signal: controller.signal }));
    const later = clock.sleep(200).then(() => handler(userRequest('c'), testContext(clock)));
    const outcomes = await clock.run(Promise.all([first, gaveUp, later]));
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'aborted', 'ok']);
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 1000]);
  });
});
