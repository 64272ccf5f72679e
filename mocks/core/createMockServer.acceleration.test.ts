import { describe, expect, it } from 'vitest';
import { messagesBody, testServer } from './testServer.ts';

describe('createMockServer: acceleration limits', () => {
  it('answers the 4th request of a first minute with a 429 until the next window, far under the per-minute limit', async () => {
    const t = testServer({
      rateLimits: { requests: '1000/min', acceleration: { windowMs: '1m', maxGrowth: 2, minRequests: 3 } },
      retryHeaders: { retryAfterMs: true },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.json(messagesBody({ max_tokens: 10 + i }))).status);
    await t.clock.advance(15_500);
    const refused = await t.json(messagesBody({ max_tokens: 99 }));
    const body = refused.body as { error: { type: string; message: string } };
    expect([...statuses, refused.status, body.error.type]).toEqual([200, 200, 200, 429, 'rate_limit_error']);
    expect(body.error.message).toMatch(/acceleration limit: usage increased too sharply/);
    expect([
      refused.headers['retry-after'],
      refused.headers['retry-after-ms'],
      refused.headers['anthropic-ratelimit-requests-limit'],
    ]).toEqual(['45', '44500', '1000']);
    expect(t.server.stats().rateLimited).toEqual({ acceleration: 1 });
    await t.clock.advance(44_500);
    expect((await t.json(messagesBody({ max_tokens: 99 }))).status).toBe(200);
  });

  it('is off by default', async () => {
    const t = testServer();
    for (let i = 0; i < 50; i++) expect((await t.json(messagesBody())).status).toBe(200);
  });
});
