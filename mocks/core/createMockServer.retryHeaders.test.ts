import { describe, expect, it } from 'vitest';
import { mockConfigSchema } from '../config/MockConfig.ts';
import { messagesBody, testServer } from './testServer.ts';

/** Two identical requests at t=0 within a 1.5 s duplicate window: the second is a 429 waiting 1500 ms. */
async function duplicate429(overrides: object = {}) {
  const t = testServer({ rateLimits: { duplicateWindowMs: 1500 }, ...overrides });
  expect((await t.json(messagesBody())).status).toBe(200);
  return t.json(messagesBody());
}

describe('createMockServer: retry signals on error responses', () => {
  it('sends x-should-retry true on 429 and retry-after in whole seconds (rounded up) by default, no retry-after-ms', async () => {
    const refused = await duplicate429();
    expect([
      refused.status,
      refused.headers['retry-after'],
      refused.headers['retry-after-ms'],
      refused.headers['x-should-retry'],
    ]).toEqual([429, '2', undefined, 'true']);
  });

  it('sends x-should-retry false on a 400 and a 404, true on injected 500, 504 and 529', async () => {
    const t = testServer();
    const bad = await t.json(messagesBody({ max_tokens: undefined }));
    const unknown = await t.json(messagesBody({ model: 'claude-nope' }));
    expect([
      bad.status,
      bad.headers['x-should-retry'],
      unknown.status,
      unknown.headers['x-should-retry'],
    ]).toEqual([400, 'false', 404, 'false']);
    for (const status of [500, 504, 529] as const) {
      const faulty = testServer({ faults: { [`error${status}`]: 1 } });
      const response = await faulty.json(messagesBody());
      expect([response.status, response.headers['x-should-retry'], response.headers['retry-after']]).toEqual([
        status,
        'true',
        undefined,
      ]);
    }
  });

  it('adds retry-after-ms with the exact wait next to retry-after when retryAfterMs is on', async () => {
    const refused = await duplicate429({ retryHeaders: { retryAfterMs: true } });
    expect([refused.headers['retry-after'], refused.headers['retry-after-ms']]).toEqual(['2', '1500']);
  });

  it('writes retry-after as an HTTP date of the end of the wait, rounded up to the second', async () => {
    // The virtual clock starts at 2026-01-01T00:00:00Z; the wait ends 1.5 s later.
    const refused = await duplicate429({
      retryHeaders: { retryAfterFormat: 'http-date', retryAfterMs: true },
    });
    expect([refused.headers['retry-after'], refused.headers['retry-after-ms']]).toEqual([
      'Thu, 01 Jan 2026 00:00:02 GMT',
      '1500',
    ]);
  });

  it('gives 529s a retry-after only when overloadedRetryAfterSec is set', async () => {
    const t = testServer({
      faults: { error529: 1 },
      retryHeaders: { overloadedRetryAfterSec: 3, retryAfterMs: true },
    });
    const response = await t.json(messagesBody());
    expect([response.status, response.headers['retry-after'], response.headers['retry-after-ms']]).toEqual([
      529,
      '3',
      '3000',
    ]);
  });

  it('takes x-should-retry per status from shouldRetryByStatus, and sends none with shouldRetry false', async () => {
    const overridden = testServer({
      faults: { error500: 1 },
      retryHeaders: { shouldRetryByStatus: { '500': false } },
    });
    expect((await overridden.json(messagesBody())).headers['x-should-retry']).toBe('false');
    const bad = testServer({ retryHeaders: { shouldRetryByStatus: { '400': true } } });
    expect((await bad.json(messagesBody({ max_tokens: undefined }))).headers['x-should-retry']).toBe('true');
    const off = testServer({ faults: { error500: 1 }, retryHeaders: { shouldRetry: false } });
    expect('x-should-retry' in (await off.json(messagesBody())).headers).toBe(false);
  });

  it('carries the exact time left in a 429 outage window in retry-after-ms', async () => {
    const t = testServer({
      faults: { outages: [{ fromMs: 0, toMs: 2500, status: 429 }] },
      retryHeaders: { retryAfterMs: true },
    });
    await t.clock.advance(100);
    const response = await t.json(messagesBody());
    expect([response.headers['retry-after'], response.headers['retry-after-ms']]).toEqual(['3', '2400']);
  });

  it('refuses a bad shouldRetryByStatus key with the field path', () => {
    const result = mockConfigSchema.safeParse({ retryHeaders: { shouldRetryByStatus: { abc: true } } });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['retryHeaders.shouldRetryByStatus.abc', 'expected an HTTP status such as "500" as the key, got "abc"'],
    ]);
  });
});
