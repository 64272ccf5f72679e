import { describe, expect, it } from 'vitest';
import { messagesBody, messagesRequest, testServer } from './testServer.ts';
import type { MockJsonResponse, MockResponse } from './types.ts';

type ErrorBody = { type: string; error: { type: string; message: string } };

function errorType(response: MockResponse): string {
  return ((response as MockJsonResponse).body as ErrorBody).error?.type ?? 'none';
}

function message(response: MockResponse): string {
  return ((response as MockJsonResponse).body as ErrorBody).error.message;
}

/** Fixed latency: every answer takes exactly 1000 ms. */
const ONE_SECOND = {
  latency: {
    ttftMs: 1000,
    perInputTokenMs: 0,
    outputTokensPerSec: 1e9,
    jitterSigma: 0,
    generationJitterSigma: 0,
    overheadMs: 0,
  },
  output: { tokens: 10 },
};

describe('createMockServer: rate limits', () => {
  it('refuses the 51st request of a minute at 50/min with retry-after for one refill, then admits after it', async () => {
    const { clock, server, json } = testServer({ rateLimits: { requests: '50/min' } });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await json(messagesBody())).status);
    expect(statuses).toEqual(Array(50).fill(200));
    const refused = await json(messagesBody());
    expect([refused.status, errorType(refused), refused.headers['retry-after']]).toEqual([
      429,
      'rate_limit_error',
      '2',
    ]);
    expect(message(refused)).toMatch(
      /^This request would exceed the rate limit for your organization of 50 requests per minute\. /,
    );
    expect(refused.headers['anthropic-ratelimit-requests-remaining']).toBe('0');
    await clock.advance(1199);
    expect((await json(messagesBody())).status).toBe(429);
    await clock.advance(1);
    expect((await json(messagesBody())).status).toBe(200);
    expect(server.stats().rateLimited).toEqual({ requests: 2 });
  });

  it('charges the output-token bucket max_tokens at admission and refunds the unused part at the end', async () => {
    const { clock, server } = testServer({ ...ONE_SECOND, rateLimits: { outputTokens: '8000/min' } });
    const first = server.handle(messagesRequest(messagesBody({ max_tokens: 5000 })));
    const second = (await clock.run(
      server.handle(messagesRequest(messagesBody({ max_tokens: 5000 }))),
    )) as MockJsonResponse;
    // 2000 tokens short at 8000/60 tokens a second: 15 s.
    expect([second.status, second.headers['retry-after']]).toEqual([429, '15']);
    expect(message(second)).toContain('of 8,000 output tokens per minute');
    expect((await clock.run(first)).status).toBe(200);
    // 10 tokens generated: 4990 came back, so another 5000 fits at once.
    const third = (await clock.run(
      server.handle(messagesRequest(messagesBody({ max_tokens: 5000 }))),
    )) as MockJsonResponse;
    expect(third.status).toBe(200);
    expect(server.stats().rateLimited).toEqual({ 'output-tokens': 1 });
  });

  it('charges input tokens by the shared estimator and names the input limit', async () => {
    const { json } = testServer({ rateLimits: { inputTokens: '600/min' } });
    const big = messagesBody({ messages: [{ role: 'user', content: 'x'.repeat(4 * 493) }] }); // 493 + 7 = 500 tokens
    expect((await json(big)).status).toBe(200);
    const refused = await json(big);
    expect(refused.status).toBe(429);
    expect(message(refused)).toContain('of 600 input tokens per minute');
    // 400 tokens short at 10 a second.
    expect(refused.headers['retry-after']).toBe('40');
  });

  it('refuses identical content within the duplicate window, but not other content or later', async () => {
    const { clock, server, json } = testServer({ rateLimits: { duplicateWindowMs: '10s' } });
    const body = messagesBody({ messages: [{ role: 'user', content: 'same question' }] });
    expect((await json(body)).status).toBe(200);
    await clock.advance(4000);
    const dup = await json(body);
    expect([dup.status, dup.headers['retry-after']]).toEqual([429, '6']);
    expect(
      (await json(messagesBody({ messages: [{ role: 'user', content: 'other question' }] }))).status,
    ).toBe(200);
    await clock.advance(6000);
    expect((await json(body)).status).toBe(200);
    expect(server.stats().rateLimited).toEqual({ duplicate: 1 });
  });

  it('reports the buckets in the anthropic-ratelimit headers', async () => {
    const { json } = testServer({
      rateLimits: { requests: '50/min', inputTokens: '30000/min', outputTokens: '8000/min' },
      output: { tokens: 10 },
    });
    const response = await json(messagesBody({ max_tokens: 100 }));
    const rl = Object.fromEntries(
      Object.entries(response.headers).filter(([h]) => h.startsWith('anthropic-ratelimit-')),
    );
    expect(rl).toEqual({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:02Z',
      'anthropic-ratelimit-input-tokens-limit': '30000',
      'anthropic-ratelimit-input-tokens-remaining': '30000',
      'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:01Z',
      'anthropic-ratelimit-output-tokens-limit': '8000',
      'anthropic-ratelimit-output-tokens-remaining': '8000',
      'anthropic-ratelimit-output-tokens-reset': '2026-01-01T00:00:01Z',
      'anthropic-ratelimit-tokens-limit': '38000',
      'anthropic-ratelimit-tokens-remaining': '38000',
      'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:01Z',
    });
  });

  it('answers an OpenAI-compatible 429 in the OpenRouter shape with retry-after', async () => {
    const { send } = testServer({ rateLimits: { requests: '1/min' } });
    const chat = {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer k' },
      json: { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] },
    };
    await send(chat);
    const refused = (await send(chat)) as MockJsonResponse;
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body).toEqual({
      error: { code: 429, message: expect.stringContaining('of 1 requests per minute') },
    });
  });
});

describe('createMockServer: capacity', () => {
  it('queues beyond maxConcurrent and serves the queue in order', async () => {
    const { clock, server } = testServer({ ...ONE_SECOND, capacity: { maxConcurrent: 1 } });
    const doneAt: number[] = [];
    const all = [1, 2, 3].map(() =>
      server.handle(messagesRequest(messagesBody())).then((r) => doneAt.push(clock.now()) && r),
    );
    await clock.run(Promise.all(all));
    expect(doneAt).toEqual([1000, 2000, 3000]);
  });

  it('drops an aborted request from the queue and serves the next one in its place', async () => {
    const { clock, server } = testServer({ ...ONE_SECOND, capacity: { maxConcurrent: 1 } });
    const controller = new AbortController();
    const first = server.handle(messagesRequest(messagesBody()));
    const aborted = server.handle({ ...messagesRequest(messagesBody()), signal: controller.signal });
    const third = server.handle(messagesRequest(messagesBody())).then(() => clock.now());
    await clock.advance(500);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    await clock.run(first);
    expect(await clock.run(third)).toBe(2000);
  });

  it('answers 529 overloaded_error beyond maxQueue, or at once with overflow reject', async () => {
    for (const capacity of [
      { maxConcurrent: 1, maxQueue: 1 },
      { maxConcurrent: 1, overflow: 'reject' as const },
    ]) {
      const { clock, server } = testServer({ ...ONE_SECOND, capacity });
      const responses = await clock.run(
        Promise.all([1, 2, 3].map(() => server.handle(messagesRequest(messagesBody())))),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 529)).toHaveLength(capacity.maxQueue === 1 ? 1 : 2);
      const overloaded = responses.find((r) => r.status === 529) as MockJsonResponse;
      expect(overloaded.body).toMatchObject({
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      });
    }
  });
});

describe('createMockServer: injected faults and outages', () => {
  it.each([
    ['error429', 429, 'rate_limit_error'],
    ['error529', 529, 'overloaded_error'],
    ['error500', 500, 'api_error'],
    ['error504', 504, 'timeout_error'],
  ] as const)('%s answers %i %s', async (fault, status, type) => {
    const { server, json } = testServer({ faults: { [fault]: 1 } });
    const response = await json(messagesBody());
    expect([response.status, errorType(response)]).toEqual([status, type]);
    expect(server.stats().byErrorType).toEqual({ [type]: 1 });
    if (status === 429) expect(response.headers['retry-after']).toBe('1');
  });

  it('draws faults independently per request at the configured rate, repeatably for a seed', async () => {
    const count529 = async (seed: number): Promise<number> => {
      const { server, json } = testServer({ faults: { error529: 0.1 } }, { seed });
      for (let i = 0; i < 1000; i++) await json(messagesBody());
      return server.stats().byStatus['529'] ?? 0;
    };
    const first = await count529(3);
    expect(first).toBeGreaterThan(70);
    expect(first).toBeLessThan(130);
    expect(await count529(3)).toBe(first);
  });

  it('answers every request in an outage window with its status, and 429s with the seconds left', async () => {
    const { clock, json } = testServer({
      faults: {
        outages: [
          { fromMs: 1000, toMs: 2000, status: 529 },
          { fromMs: 5000, toMs: 7500, status: 429 },
        ],
      },
    });
    const at = async (ms: number): Promise<MockJsonResponse> => {
      await clock.advance(ms - clock.now());
      return json(messagesBody());
    };
    expect((await at(999)).status).toBe(200);
    expect((await at(1000)).status).toBe(529);
    expect((await at(1999)).status).toBe(529);
    expect((await at(2000)).status).toBe(200);
    const limited = await at(5200);
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '3']);
    expect((await at(7500)).status).toBe(200);
  });
});
