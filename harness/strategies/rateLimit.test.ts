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

  it('admits a reservation larger than its capacity once full; later ones wait out the debt', () => {
    const bucket = new TokenBucket(1, 1);
    expect(bucket.reserve(3, 0)).toBe(0);
    expect(bucket.reserve(1, 0)).toBe(3000);
    expect(bucket.reserve(3, 0)).toBe(4000);
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

  it('limits input tokens with the shared estimator (bucket: one second of the rate by default)', async () => {
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

  it('waits for the slowest of several limits; a request larger than its bucket passes when it is full, the next waits out the debt', async () => {
    const request = userRequest('q', { maxTokens: 200 });
    const options: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, requestsPerSec: 10, outputTokensPerSec: 100 };
    expect(await callTimes(options, [request, request])).toEqual([0, 2000]);
  });

  it('burst is a count of requests: burst 5 at 1/s sends 5 at t=0, the 6th at 1000 ms, and 5 again after idling', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => okOutcome('x'));
    const options: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, requestsPerSec: 1, burst: 5 };
    const handler = buildHandler([{ type: 'rateLimit', options }], transport);
    const wave = () =>
      Promise.all(Array.from({ length: 6 }, (_, i) => handler(userRequest(`q${i}`), testContext(clock))));
    await clock.run(
      wave()
        .then(() => clock.sleep(20_000))
        .then(wave),
    );
    expect(transport.calls.map((c) => c.atMs)).toEqual([
      0, 0, 0, 0, 0, 1000, 21_000, 21_000, 21_000, 21_000, 21_000, 22_000,
    ]);
  });

  it('inputTokensBurst is a count of tokens: 500 tokens at 100/s pass 5 requests of 100 tokens at once, the 6th at 1000 ms', async () => {
    const request = userRequest('x'.repeat(372));
    expect(estimateInputTokens(request)).toBe(100);
    const options: RateLimitOptions = {
      ...DEFAULT_RATE_LIMIT,
      inputTokensPerSec: 100,
      inputTokensBurst: 500,
    };
    expect(
      await callTimes(
        options,
        Array.from({ length: 6 }, () => request),
      ),
    ).toEqual([0, 0, 0, 0, 0, 1000]);
  });

  it('an idle client never waits for its first request, however large: 1024 max_tokens at 8000/min go at t=0', async () => {
    const request = userRequest('q', { maxTokens: 1024 });
    const options: RateLimitOptions = { ...DEFAULT_RATE_LIMIT, outputTokensPerSec: 8000 / 60 };
    const times = await callTimes(options, [request, request]);
    expect(times[0]).toBe(0);
    // The second waits until the bucket (one second: 133.3 tokens) is full again: 1024 / (8000/60) s.
    expect(times[1]).toBeCloseTo(7680, 6);
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
